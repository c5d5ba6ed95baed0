// GET /api/customers/:id/timeline: one history per customer, newest first, merged from the
// follow-up log, the record's audit log, deals, tasks and leads; cursor pages that neither skip nor
// repeat an entry (even at the same millisecond); only for a customer the user can read; and no
// hidden or masked value in any entry.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { timelinePage } from '../../src/api/customers/docs.js';
import { allPages, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { addDeal, stageId } from './support.js';

let crm: Crm;
let zhangWei: Session;
let customerId: number;
let followUpId: number;
let ids: Record<'zhangWei' | 'liuYang', number>;

interface Item {
  id: string;
  type: string;
  at: string;
  title: string;
  body: string | null;
  by: { id: number; name: string } | null;
}

const timeline = async (session: Session, id = customerId) =>
  (await allPages(session, `/api/customers/${id}/timeline`, 100)) as unknown as Item[];

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  ids = { zhangWei: await crm.userId('张伟'), liuYang: await crm.userId('刘洋') };

  const created = await zhangWei.send('POST', '/api/customers', {
    kind: 'company',
    name: '时间线测试科技有限公司',
    phone: '010-62345678',
    level: 'B',
  });
  expect(created.status).toBe(201);
  customerId = created.body.id;
  const patched = await zhangWei.send('PATCH', `/api/customers/${customerId}`, {
    level: 'A',
    phone: '010-87654321',
  });
  expect(patched.status).toBe(200);
  const followUp = await zhangWei.send('POST', `/api/customers/${customerId}/follow-ups`, {
    kind: 'visit',
    content: '上门演示，客户很感兴趣',
    nextStep: '发报价单',
  });
  expect(followUp.status).toBe(201);
  followUpId = followUp.body.id;
  const liNa = await crm.as('李娜');
  for (const ownerId of [ids.liuYang, ids.zhangWei])
    expect((await liNa.send('PUT', `/api/customers/${customerId}/owner`, { ownerId })).status).toBe(200);

  // What the deal, task and lead services write, a minute apart after the changes above.
  const deal = await addDeal(crm.db, {
    customerId,
    ownerId: ids.zhangWei,
    name: '年度框架协议',
    stage: '初步接洽',
    at: "now() + interval '1 minute'",
  });
  await crm.db.query(
    `insert into stage_change (opportunity_id, from_stage_id, to_stage_id, by_id, note, at)
     values ($1, $2, $3, $4, '客户确认了需求清单', now() + interval '2 minutes')`,
    [deal, await stageId(crm.db, '初步接洽'), await stageId(crm.db, '需求确认'), ids.zhangWei],
  );
  await crm.db.query(
    `update opportunity set status = 'won', stage_id = $2, closed_at = now() + interval '3 minutes' where id = $1`,
    [deal, await stageId(crm.db, '赢单')],
  );
  await crm.db.query(
    `insert into task (title, assignee_id, customer_id, due_at, status, done_at, created_at, updated_at)
     values ('回访确认合同细节', $1, $2, now(), 'done', now() + interval '4 minutes', now(), now())`,
    [ids.zhangWei, customerId],
  );
  await crm.db.query(
    `insert into lead (company, status, source, owner_id, customer_id, converted_at, created_at, updated_at)
     values ('时间线测试科技', 'converted', '官网表单', $1, $2, now() + interval '5 minutes', now(), now())`,
    [ids.zhangWei, customerId],
  );
});
afterAll(() => crm.stop());

describe('a customer’s timeline', () => {
  test('merges every source, newest first, and matches the document', async () => {
    const first = await zhangWei.get(`/api/customers/${customerId}/timeline`);
    expect(first.status).toBe(200);
    expect(timelinePage.safeParse(first.body).error).toBeUndefined();
    const items = first.body.items as Item[];
    const zw = { id: ids.zhangWei, name: '张伟' };
    const liNa = { id: await crm.userId('李娜'), name: '李娜' };
    expect(items.map(({ type, title, body, by }) => ({ type, title, body, by }))).toEqual([
      { type: 'lead', title: '由线索「时间线测试科技」转化', body: '线索来源：官网表单', by: zw },
      { type: 'task_done', title: '完成待办「回访确认合同细节」', body: null, by: zw },
      { type: 'won', title: '赢单：商机「年度框架协议」', body: null, by: zw },
      {
        type: 'stage',
        title: '商机「年度框架协议」：初步接洽 → 需求确认',
        body: '客户确认了需求清单',
        by: zw,
      },
      { type: 'stage', title: '新建商机「年度框架协议」', body: null, by: zw },
      { type: 'owner', title: '负责人：刘洋 → 张伟', body: null, by: liNa },
      { type: 'owner', title: '负责人：张伟 → 刘洋', body: null, by: liNa },
      { type: 'follow_up', title: '拜访跟进', body: '上门演示，客户很感兴趣\n下一步：发报价单', by: zw },
      {
        type: 'change',
        title: '修改了客户资料',
        body: '等级：B → A\n电话：010-62345678 → 010-87654321',
        by: zw,
      },
      { type: 'created', title: '创建了客户', body: null, by: zw },
    ]);
    expect(items[7]!.id).toBe(`follow_up:${followUpId}`);
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.body.nextCursor).toBeNull();
  });

  test('small pages walk the same timeline: nothing skipped or repeated', async () => {
    const whole = await timeline(zhangWei);
    const paged = (await allPages(zhangWei, `/api/customers/${customerId}/timeline`, 3)) as unknown as Item[];
    expect(paged).toEqual(whole);
  });

  test('entries at the same instant (microseconds apart in the database) page without loss', async () => {
    const instant = '2020-01-01 08:00:00.123456+00';
    for (const micro of ['123456', '123999', '123001'])
      await crm.db.query(
        `insert into follow_up (customer_id, author_id, kind, content, occurred_at, created_at)
         values ($1, $2, 'call', '同一时刻的电话', $3, now())`,
        [customerId, ids.zhangWei, `2020-01-01 08:00:00.${micro}+00`],
      );
    for (let i = 0; i < 2; i++)
      await crm.db.query(
        `insert into task (title, assignee_id, customer_id, due_at, status, done_at, created_at, updated_at)
         values ('同一时刻的待办', $1, $2, now(), 'done', $3, now(), now())`,
        [ids.zhangWei, customerId, instant],
      );
    const whole = await timeline(zhangWei);
    expect(whole.filter((i) => i.at === '2020-01-01T08:00:00.123Z')).toHaveLength(5);
    for (const limit of [1, 2, 4]) {
      const paged = (await allPages(
        zhangWei,
        `/api/customers/${customerId}/timeline`,
        limit,
      )) as unknown as Item[];
      expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    }
  });

  test('a colleague’s customer is "not found", like a missing id; a bad cursor is a 400', async () => {
    const sunHao = await crm.as('孙浩');
    const theirs = await sunHao.get(`/api/customers/${customerId}/timeline`);
    const missing = await sunHao.get('/api/customers/99999999/timeline');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({
      ...missing.body,
      instance: theirs.body.instance,
      requestId: theirs.body.requestId,
    });
    expect(JSON.stringify(theirs.body)).not.toContain('时间线');

    const bad = await zhangWei.get(`/api/customers/${customerId}/timeline?cursor=not-a-cursor&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cursor', 'limit']);
  });

  test('a masked field shows masked values, a hidden one no line at all', async () => {
    await crm.db.query(
      `update role set field_rules = '{"customer":{"phone":"masked","level":"hidden"},"followUp":{"content":"hidden"}}' where code = 'sales'`,
    );
    try {
      const items = await timeline(zhangWei);
      const change = items.find((i) => i.type === 'change')!;
      expect(change.body).toBe('电话：010****5678 → 010****4321');
      const visit = items.find((i) => i.title === '拜访跟进')!;
      expect(visit.body).toBe('下一步：发报价单');
      const shown = JSON.stringify(items);
      for (const secret of ['62345678', '87654321', '等级', '上门演示']) expect(shown).not.toContain(secret);
    } finally {
      await crm.db.query(`update role set field_rules = '{}' where code = 'sales'`);
    }
  });
});
