// Every step of a lead lands in the audit log with who did it (or what, when no person did), and
// through which surface; a forged 认领 changes nothing and leaves no trace but the refusal.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditRows, type Crm, startCrm } from '../api/customers-support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';
import { leadCards, postInbound } from './support.js';

let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm?.stop());

const steps = async (id: number) =>
  (await auditRows(crm.db, 'lead', id)).map((e) => ({ by: e.actor_id, action: e.action, via: e.via }));

const leadRow = async (id: number) =>
  (await crm.db.query('select * from lead where id = $1', [id])).rows[0] as Record<string, unknown>;

describe('the audit log of a lead', () => {
  test('a web-form lead is created by no one, via the webhook, with what the form sent', async () => {
    const res = await postInbound(crm.server, {
      company: '北京审计示例科技有限公司',
      contactName: '钱伟',
      mobile: '13912345678',
      region: '北京',
    });
    expect(res.status).toBe(201);
    const [entry, ...more] = await auditRows(crm.db, 'lead', res.body.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor_id: null, action: 'create', via: 'webhook', request_id: null });
    expect(entry!.changes).toMatchObject({
      company: { before: null, after: '北京审计示例科技有限公司' },
      mobile: { before: null, after: '13912345678' },
      source: { before: null, after: '官网表单' },
      status: { before: null, after: 'new' },
      team: { before: null, after: expect.any(Number) },
    });
  });

  test('claimed from a card, edited, released, claimed again and closed: each step says who and what', async () => {
    const zhangwei = await crm.as('张伟');
    const liuyang = await crm.as('刘洋');
    const [zhangweiId, liuyangId] = [await crm.userId('张伟'), await crm.userId('刘洋')];
    const created = await zhangwei.send('POST', '/api/leads', {
      company: '天津审计港口有限公司',
      region: '天津',
    });
    const id: number = created.body.id;
    const wecom = (await leadCards(crm.db, id)).find((c) => c.platform === 'wecom')!;
    await sandboxOf(crm.server).actions.clickWeComCard({
      user: 'LiuYang',
      taskId: wecom.card_id,
      key: `lead.claim:${id}`,
    });
    await waitFor(async () => ((await leadRow(id)).owner_id === liuyangId ? true : undefined));
    expect((await liuyang.send('PATCH', `/api/leads/${id}`, { note: '下周回电' })).status).toBe(200);
    expect((await liuyang.send('POST', `/api/leads/${id}/release`)).status).toBe(200);
    expect((await zhangwei.send('POST', `/api/leads/${id}/claim`)).status).toBe(200);
    expect((await zhangwei.send('POST', `/api/leads/${id}/invalid`, { reason: '空号' })).status).toBe(200);

    const entries = await auditRows(crm.db, 'lead', id);
    expect(await steps(id)).toEqual([
      { by: zhangweiId, action: 'create', via: 'api' },
      { by: liuyangId, action: 'update', via: 'card' },
      { by: liuyangId, action: 'update', via: 'api' },
      { by: liuyangId, action: 'update', via: 'api' },
      { by: zhangweiId, action: 'update', via: 'api' },
      { by: zhangweiId, action: 'update', via: 'api' },
    ]);
    expect(entries.slice(1).map((e) => e.changes)).toEqual([
      { status: { before: 'new', after: 'claimed' }, owner: { before: null, after: liuyangId } },
      { note: { before: null, after: '下周回电' } },
      { status: { before: 'claimed', after: 'new' }, owner: { before: liuyangId, after: null } },
      { status: { before: 'new', after: 'claimed' }, owner: { before: null, after: zhangweiId } },
      { status: { before: 'claimed', after: 'invalid' }, invalidReason: { before: null, after: '空号' } },
    ]);
    for (const entry of entries.slice(2)) expect(entry.request_id).toEqual(expect.any(String));

    // The cards say who closed it: the audit log knows.
    await waitFor(async () => {
      const views = Object.values(sandboxOf(crm.server).state.wecom.cards.views(wecom.card_id));
      return views.every((v) => JSON.stringify(v.card).includes('张伟 标记为无效：空号')) || undefined;
    });
  });

  test('a lead recycled by its rule is recorded by no one, via the rule, with the owner it left', async () => {
    const zhangwei = await crm.as('张伟');
    const zhangweiId = await crm.userId('张伟');
    const created = await zhangwei.send('POST', '/api/leads', {
      company: '河北久置审计有限公司',
      region: '河北',
    });
    const id: number = created.body.id;
    expect((await zhangwei.send('POST', `/api/leads/${id}/claim`)).status).toBe(200);
    await crm.db.query(`update lead set last_activity_at = now() - interval '8 days' where id = $1`, [id]);
    await crm.server.jobs.queue.send('leads.recycle', {});
    await waitFor(async () => ((await steps(id)).length === 3 ? true : undefined));
    const last = (await auditRows(crm.db, 'lead', id)).at(-1)!;
    expect(last).toMatchObject({ actor_id: null, action: 'update', via: 'rule' });
    expect(last.changes).toEqual({
      status: { before: 'claimed', after: 'new' },
      owner: { before: zhangweiId, after: null },
    });
    expect(await leadRow(id)).toMatchObject({ status: 'new', owner_id: null });
  });

  test('a forged 认领 from outside the team is refused politely, changes nothing and is not logged', async () => {
    const zhangwei = await crm.as('张伟');
    const created = await zhangwei.send('POST', '/api/leads', {
      company: '北京防伪科技有限公司',
      region: '北京',
    });
    const id: number = created.body.id;
    const wecom = (await leadCards(crm.db, id)).find((c) => c.platform === 'wecom')!;
    const before = await leadRow(id);
    // 孙浩 (华东) never got this card: his click is made up, sealed as WeCom would seal it.
    const res = await postCallback(
      sealedCallback(crm.server.url, cardClickXml('SunHao', wecom.card_id, `lead.claim:${id}`)),
    );
    expect(res.status).toBe(200);
    const told = await waitForOutgoing(crm.server, 'wecom', (m) => m.viewers.includes('SunHao'));
    expect(textOf(told)).toBe('这条线索分配给了华北销售部，只有该团队成员可以认领。');
    expect(await leadRow(id)).toEqual(before);
    expect((await steps(id)).map((s) => s.action)).toEqual(['create']);
  });
});
