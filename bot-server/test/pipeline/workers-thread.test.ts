// The background work in a thread of its own, as `npm start` runs it with WORKERS_THREAD=true: callbacks,
// card clicks and API writes arrive in the server's thread, and the workers' thread, told of each,
// handles them and sends. What people see must be what they see with one thread.
import { describe, expect, test } from 'vitest';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { formLeads, leadShown, northTeam, outgoing, postLead } from './support.js';

const t = useTestServer({}, { workers: 'thread' });

describe('the workers in a thread of their own', () => {
  test('帮助 typed on WeCom and on DingTalk is answered on each', async () => {
    const { actions } = sandboxOf(t.server);
    await actions.sendWeComText({ from: 'ZhangWei', text: '帮助' });
    await actions.sendDingTalkText({ from: '0100102', text: '帮助' });
    const wecom = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.viewers.includes('ZhangWei') && m.type === 'markdown',
    );
    expect(textOf(wecom)).toContain('张伟，你好');
    const dingtalk = await waitForOutgoing(t.server, 'dingtalk', (m) => m.viewers.includes('0100102'));
    expect(textOf(dingtalk)).toContain('**帮助**');
  });

  test('a web-form lead reaches 华北销售部 on both platforms once; 认领 on DingTalk updates every copy', async () => {
    const [lead] = formLeads('线程', 1);
    const leadId = await postLead(t.server, lead!);
    const team = northTeam(t.server);
    const cards = await waitFor(async () => {
      const { rows } = await t.db.query<{ card_id: string; platform: string }>(
        `select card_id, platform from card_instance where object_type = 'lead' and object_id = $1 order by platform`,
        [String(leadId)],
      );
      return rows.length === 2 ? Object.fromEntries(rows.map((r) => [r.platform, r.card_id])) : undefined;
    });
    const { wecom, dingtalk } = sandboxOf(t.server).state;
    await waitFor(async () =>
      Object.keys(wecom.cards.views(cards.wecom!)).length === team.wecom.length ? true : undefined,
    );
    expect(Object.keys(wecom.cards.views(cards.wecom!)).sort()).toEqual([...team.wecom].sort());
    expect(Object.keys(dingtalk.cards.views(cards.dingtalk!)).sort()).toEqual([...team.groupMembers].sort());

    await sandboxOf(t.server).actions.clickDingTalkCard({
      user: '0100103',
      outTrackId: cards.dingtalk!,
      action: `lead.claim:${leadId}`,
    });
    await waitFor(async () => {
      const shown = [
        ...Object.values(wecom.cards.views(cards.wecom!)).map((v) => JSON.stringify(v.card)),
        ...Object.values(dingtalk.cards.views(cards.dingtalk!)).map((v) => JSON.stringify(v.params)),
      ];
      return shown.every((s) => s.includes('已被 刘洋 认领')) ? true : undefined;
    });
    // One card per member on WeCom and one in the group on DingTalk: nothing sent twice.
    const sent = (platform: 'wecom' | 'dingtalk') =>
      outgoing(t.server, platform).filter((m) => leadShown(m, [lead!])).length;
    expect({ wecom: sent('wecom'), dingtalk: sent('dingtalk') }).toEqual({ wecom: 1, dingtalk: 1 });
  });
});
