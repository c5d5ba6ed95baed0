import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { leadCards, postInbound } from './support.js';

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm?.stop());

const leadCount = async () => Number((await crm.db.query('select count(*) from lead')).rows[0].count);

describe('a web form posts a lead', () => {
  let leadId: number;

  test('a signed lead for 北京 is routed by the rules and its card reaches the 华北销售部 group', async () => {
    const res = await postInbound(crm.server, {
      company: '北京云帆数据科技有限公司',
      contactName: '钱伟',
      mobile: '13911112222',
      region: '北京',
      externalId: 'form-1001',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ duplicate: false, routedTo: '华北销售部' });
    leadId = res.body.id;
    const { rows } = await crm.db.query('select source, status, owner_id from lead where id = $1', [leadId]);
    expect(rows).toEqual([{ source: '官网表单', status: 'new', owner_id: null }]);

    const cards = await leadCards(crm.db, leadId);
    const dingtalk = cards.find((c) => c.platform === 'dingtalk')!;
    const group = sandboxOf(crm.server).state.org.groups.find((g) => g.name === '华北销售部群')!;
    const views = sandboxOf(crm.server).state.dingtalk.cards.views(dingtalk.card_id);
    expect(Object.keys(views).sort()).toEqual(group.members.map((m) => m.dingtalk.userid).sort());
    const shown = JSON.stringify(views[group.members[0]!.dingtalk.userid]!.params);
    expect(shown).toContain('北京云帆数据科技有限公司');
    expect(shown).toContain('139****2222');
    expect(shown).not.toContain('13911112222');
  });

  test('two members click 认领 at once: exactly one owner, every copy shows who got it', async () => {
    const cards = await leadCards(crm.db, leadId);
    const wecom = cards.find((c) => c.platform === 'wecom')!;
    const dingtalk = cards.find((c) => c.platform === 'dingtalk')!;
    const { actions } = sandboxOf(crm.server);
    await Promise.all([
      actions.clickWeComCard({ user: 'ZhangWei', taskId: wecom.card_id, key: `lead.claim:${leadId}` }),
      actions.clickDingTalkCard({
        user: '0100103',
        outTrackId: dingtalk.card_id,
        action: `lead.claim:${leadId}`,
      }),
    ]);
    const owner = await waitFor(async () => {
      const { rows } = await crm.db.query<{ name: string }>(
        'select u.name from lead l join app_user u on u.id = l.owner_id where l.id = $1',
        [leadId],
      );
      return rows[0]?.name;
    });
    expect(['张伟', '刘洋']).toContain(owner);
    const loser =
      owner === '张伟'
        ? { platform: 'dingtalk' as const, id: '0100103' }
        : { platform: 'wecom' as const, id: 'ZhangWei' };
    const told = await waitForOutgoing(
      crm.server,
      loser.platform,
      (m) => m.viewers.includes(loser.id) && textOf(m).includes('手慢了'),
    );
    expect(textOf(told)).toBe(`手慢了，这条线索已被 ${owner} 认领。`);
    await waitFor(async () => {
      const copies = [
        ...Object.values(sandboxOf(crm.server).state.wecom.cards.views(wecom.card_id)).map((v) =>
          JSON.stringify(v.card),
        ),
        ...Object.values(sandboxOf(crm.server).state.dingtalk.cards.views(dingtalk.card_id)).map((v) =>
          JSON.stringify(v.params),
        ),
      ];
      return copies.every((c) => c.includes(`已被 ${owner} 认领`)) || undefined;
    });
  });

  test('the same form post again is recognised by its externalId and recorded once', async () => {
    const before = await leadCount();
    const res = await postInbound(crm.server, {
      company: '北京云帆数据科技有限公司',
      region: '北京',
      externalId: 'form-1001',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: leadId, duplicate: true, routedTo: '华北销售部' });
    expect(await leadCount()).toBe(before);
  });

  test('a wrong signature, another secret or a stale timestamp is refused and records nothing', async () => {
    const before = await leadCount();
    const lead = { company: '伪造公司有限公司', region: '北京' };
    const answers = await Promise.all([
      postInbound(crm.server, lead, { signature: 'sha256=00' }),
      postInbound(crm.server, lead, { secret: 'not-the-secret-of-this-server' }),
      postInbound(crm.server, lead, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body.type).toBe('urn:kelian:problem:invalid-signature');
    }
    expect(await leadCount()).toBe(before);
  });

  test('a signed but wrong body answers 400 per field and records nothing', async () => {
    const before = await leadCount();
    const res = await postInbound(crm.server, { company: '京', mobile: '123', colour: 'red' });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['company', 'mobile']));
    expect(await leadCount()).toBe(before);
  });
});
