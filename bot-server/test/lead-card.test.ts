import { describe, expect, test } from 'vitest';
import { useTestServer } from './support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from './support/sandbox.js';
import { waitFor } from './support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from './support/wecom-callback.js';

const t = useTestServer();

const northTeam = {
  wecom: ['LiNa', 'ZhangWei', 'LiuYang', 'ChenJing'],
  dingtalk: ['0100101', '0100102', '0100103', '0100104'],
};

async function cardsOf(leadId: number) {
  return waitFor(async () => {
    const { rows } = await t.db.query<{ card_id: string; platform: string }>(
      `select card_id, platform from card_instance where object_type = 'lead' and object_id = $1 order by platform`,
      [String(leadId)],
    );
    return rows.length === 2 ? rows : undefined;
  });
}

describe('a lead card for the team', () => {
  let leadId: number;
  let wecomCard: string;
  let dingtalkCard: string;

  test('新线索 for 北京 is routed to 华北销售部 and posted to each member on WeCom and to the team group on DingTalk', async () => {
    await sandboxOf(t.server).actions.sendWeComText({
      from: 'ZhangWei',
      text: '新线索 北京星河智能科技 赵敏 13812341234 北京 官网表单',
    });
    const answer = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.viewers.includes('ZhangWei') && m.type === 'text',
    );
    expect(textOf(answer)).toMatch(
      /^已登记线索 #(\d+)「北京星河智能科技」，已推送到「华北销售部」等待认领。$/,
    );
    leadId = Number(/#(\d+)/.exec(textOf(answer))![1]);

    const [dingtalk, wecom] = await cardsOf(leadId);
    wecomCard = wecom!.card_id;
    dingtalkCard = dingtalk!.card_id;
    const copies = sandboxOf(t.server).state.wecom.cards.views(wecomCard);
    expect(Object.keys(copies).sort()).toEqual([...northTeam.wecom].sort());
    const shown = JSON.stringify(copies.LiuYang!.card);
    expect(shown).toContain('北京星河智能科技');
    expect(shown).toContain('138****1234');
    expect(shown).not.toContain('13812341234');
    const group = sandboxOf(t.server).state.org.groups.find((g) => g.name === '华北销售部群')!;
    const dingtalkViews = sandboxOf(t.server).state.dingtalk.cards.views(dingtalkCard);
    expect(Object.keys(dingtalkViews).sort()).toEqual(group.members.map((m) => m.dingtalk.userid).sort());
    expect(JSON.stringify(dingtalkViews['0100103']!.params)).toContain('待认领');
  });

  test('two members click 认领 at once: one owner, and every copy on both platforms shows who got it', async () => {
    const { actions } = sandboxOf(t.server);
    await Promise.all([
      actions.clickWeComCard({ user: 'LiuYang', taskId: wecomCard, key: `lead.claim:${leadId}` }),
      actions.clickDingTalkCard({
        user: '0100104',
        outTrackId: dingtalkCard,
        action: `lead.claim:${leadId}`,
      }),
    ]);
    const owner = await waitFor(async () => {
      const { rows } = await t.db.query<{ name: string }>(
        `select u.name from lead l join app_user u on u.id = l.owner_id where l.id = $1`,
        [leadId],
      );
      return rows[0]?.name;
    });
    expect(['刘洋', '陈静']).toContain(owner);
    const loser =
      owner === '刘洋'
        ? { platform: 'dingtalk' as const, id: '0100104' }
        : { platform: 'wecom' as const, id: 'LiuYang' };
    const told = await waitForOutgoing(
      t.server,
      loser.platform,
      (m) => m.viewers.includes(loser.id) && textOf(m).includes('手慢了'),
    );
    expect(textOf(told)).toBe(`手慢了，这条线索已被 ${owner} 认领。`);

    await waitFor(async () => {
      const wecomViews = Object.values(sandboxOf(t.server).state.wecom.cards.views(wecomCard));
      const dingViews = Object.values(sandboxOf(t.server).state.dingtalk.cards.views(dingtalkCard));
      const all = [
        ...wecomViews.map((v) => JSON.stringify(v.card)),
        ...dingViews.map((v) => JSON.stringify(v.params)),
      ];
      return all.every((s) => s.includes(`已被 ${owner} 认领`)) ? true : undefined;
    });
    const { rows } = await t.db.query(`select status from lead where id = $1`, [leadId]);
    expect(rows).toEqual([{ status: 'claimed' }]);
  });

  // The sandbox's cards no longer offer 认领 once claimed, so these clicks are sealed by hand: a copy
  // that had not been refreshed yet, and a click by someone who never had the card.
  test('a late click on the claimed lead changes nothing and is told who got it', async () => {
    const { rows: before } = await t.db.query(`select owner_id, claimed_at from lead where id = $1`, [
      leadId,
    ]);
    const res = await postCallback(
      sealedCallback(t.server.url, cardClickXml('LiNa', wecomCard, `lead.claim:${leadId}`)),
    );
    expect(res.status).toBe(200);
    const told = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.viewers.includes('LiNa') && textOf(m).includes('手慢了'),
    );
    expect(textOf(told)).toMatch(/^手慢了，这条线索已被 (刘洋|陈静) 认领。$/);
    const { rows: after } = await t.db.query(`select owner_id, claimed_at from lead where id = $1`, [leadId]);
    expect(after).toEqual(before);
  });

  test('a claim by a rep of another team is refused with the reason and changes nothing', async () => {
    await sandboxOf(t.server).actions.sendWeComText({
      from: 'ZhangWei',
      text: '新线索 天津海河物流 钱多多 13900001111 天津',
    });
    const answer = await waitForOutgoing(t.server, 'wecom', (m) => textOf(m).includes('天津海河物流'));
    const otherLead = Number(/#(\d+)/.exec(textOf(answer))![1]);
    const [, wecom] = await cardsOf(otherLead);
    const res = await postCallback(
      sealedCallback(t.server.url, cardClickXml('SunHao', wecom!.card_id, `lead.claim:${otherLead}`)),
    );
    expect(res.status).toBe(200);
    const told = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.viewers.includes('SunHao') && textOf(m).includes('只有'),
    );
    expect(textOf(told)).toBe('这条线索分配给了华北销售部，只有该团队成员可以认领。');
    const { rows } = await t.db.query(`select status, owner_id from lead where id = $1`, [otherLead]);
    expect(rows).toEqual([{ status: 'new', owner_id: null }]);
  });
});
