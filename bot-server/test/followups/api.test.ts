import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ruleJson, taskJson, taskPage } from '../../src/api/followups/schemas.js';
import { type Crm, customersOwnedBy, type Session, startCrm } from '../api/customers-support.js';
import { day } from './support.js';

let crm: Crm;
let zhangWei: Session;
let liuYang: Session;
let liNa: Session;
let zhaoMin: Session;
let admin: Session;
let zhangWeiCustomer: number;

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  liuYang = await crm.as('刘洋');
  liNa = await crm.as('李娜');
  zhaoMin = await crm.as('赵敏');
  admin = await crm.as('徐明');
  zhangWeiCustomer = (await customersOwnedBy(crm.db, await crm.userId('张伟')))[0]!;
}, 60_000);
afterAll(() => crm?.stop());

const taskRow = async (id: number) =>
  (await crm.db.query('select status, due_at, postponements, done_at from task where id = $1', [id])).rows[0];

describe('tasks', () => {
  let mine: number;

  test('a rep adds a task about their customer; it answers as documented, and is theirs', async () => {
    const dueAt = new Date(Date.now() - 3_600_000).toISOString();
    const res = await zhangWei.send('POST', '/api/tasks', {
      title: '确认报价',
      dueAt,
      customerId: zhangWeiCustomer,
      note: '带上新版价格表',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(taskJson.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toMatchObject({
      title: '确认报价',
      dueAt,
      status: 'open',
      postponements: 0,
      customer: { id: zhangWeiCustomer },
      assignee: { id: await crm.userId('张伟'), name: '张伟' },
      rule: null,
    });
    mine = res.body.id;
  });

  test('views: today and overdue list it, done does not; the page matches the document', async () => {
    for (const view of ['today', 'open', 'overdue']) {
      const page = await zhangWei.get(`/api/tasks?view=${view}`);
      expect(page.status).toBe(200);
      expect(taskPage.safeParse(page.body).error).toBeUndefined();
      expect(page.body.items.map((t: { id: number }) => t.id)).toContain(mine);
    }
    expect((await zhangWei.get('/api/tasks?view=done')).body.items).toEqual([]);
  });

  test("another rep's task is not found, to read in a list, to complete or to postpone; nothing changes", async () => {
    const before = await taskRow(mine);
    expect((await liuYang.get('/api/tasks?view=open')).body.items).toEqual([]);
    expect(
      (await liuYang.get(`/api/tasks?view=open&assignee=${await crm.userId('张伟')}`)).body.items,
    ).toEqual([]);
    for (const path of [`/api/tasks/${mine}/done`, `/api/tasks/${mine}/postpone`]) {
      const res = await liuYang.send('POST', path, {});
      expect(res.status).toBe(404);
      expect(res.body.title).toBe('待办不存在');
      expect((await zhaoMin.send('POST', path, {})).status).toBe(404);
    }
    expect(await taskRow(mine)).toEqual(before);
  });

  test('their manager sees the task with assignee=, but not as their own', async () => {
    expect((await liNa.get('/api/tasks?view=open')).body.items).toEqual([]);
    const team = await liNa.get(`/api/tasks?view=open&assignee=${await crm.userId('张伟')}`);
    expect(team.body.items.map((t: { id: number }) => t.id)).toEqual([mine]);
  });

  test('postpone moves the due time by whole days (default 1); done completes it once', async () => {
    const before = await taskRow(mine);
    const moved = await zhangWei.send('POST', `/api/tasks/${mine}/postpone`, { days: 2 });
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.dueAt).getTime() - before.due_at.getTime()).toBe(2 * day);
    expect((await zhangWei.send('POST', `/api/tasks/${mine}/postpone`, {})).body.postponements).toBe(2);
    const done = await zhangWei.send('POST', `/api/tasks/${mine}/done`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneAt: expect.any(String) });
    const again = await zhangWei.send('POST', `/api/tasks/${mine}/done`);
    expect(again.status).toBe(403);
    expect(again.body.title).toBe('这个待办已经完成了');
    expect((await zhangWei.get('/api/tasks?view=done')).body.items.map((t: { id: number }) => t.id)).toEqual([
      mine,
    ]);
  });

  test("a manager in scope may complete a rep's task; the audit log names the manager", async () => {
    const created = await zhangWei.send('POST', '/api/tasks', {
      title: '寄样品',
      dueAt: new Date(Date.now() + day).toISOString(),
    });
    expect((await liNa.send('POST', `/api/tasks/${created.body.id}/done`)).status).toBe(200);
    const { rows } = await crm.db.query(
      `select u.name from audit_log a join app_user u on u.id = a.actor_id
        where a.object_type = 'task' and a.object_id = $1 and a.changes -> 'status' ->> 'after' = 'done'`,
      [String(created.body.id)],
    );
    expect(rows).toEqual([{ name: '李娜' }]);
  });

  test('bad input is a 400 naming each field, in Chinese, and creates nothing', async () => {
    const count = async () => (await crm.db.query('select count(*)::int as n from task')).rows[0].n;
    const before = await count();
    const bad = await zhangWei.send('POST', '/api/tasks', { title: ' ', dueAt: '明天', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: '请填写待办标题' },
        { field: 'dueAt', message: expect.stringContaining('ISO 8601') },
        { field: '', message: '不认识的字段：extra' },
      ]),
    );
    const foreign = await zhangWei.send('POST', '/api/tasks', {
      title: '偷看',
      dueAt: new Date().toISOString(),
      customerId: (await customersOwnedBy(crm.db, await crm.userId('孙浩')))[0],
    });
    expect(foreign.status).toBe(404);
    expect(await count()).toBe(before);
    expect((await zhangWei.send('POST', '/api/tasks/1/postpone', { days: 0 })).body.errors).toEqual([
      { field: 'days', message: '推迟天数应为 1 到 30 的整数' },
    ]);
    expect((await zhangWei.get('/api/tasks?view=later')).body.errors[0].field).toBe('view');
    expect((await zhangWei.get('/api/tasks?cursor=abc')).body.errors[0].field).toBe('cursor');
    expect((await zhangWei.send('POST', '/api/tasks/abc/done')).status).toBe(400);
    expect((await crm.api('/api/tasks')).status).toBe(401);
  });

  test("a follow-up with nextAt becomes its author's task at that time; one without does not", async () => {
    const nextAt = new Date(Date.now() + 2 * day).toISOString();
    const before = (await zhangWei.get('/api/tasks?view=open')).body.items.length;
    const logged = await zhangWei.send('POST', `/api/customers/${zhangWeiCustomer}/follow-ups`, {
      kind: 'visit',
      content: '上门演示',
      nextStep: '发送正式报价',
      nextAt,
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    await zhangWei.send('POST', `/api/customers/${zhangWeiCustomer}/follow-ups`, {
      kind: 'call',
      content: '寒暄',
    });
    const open = (await zhangWei.get('/api/tasks?view=open')).body.items;
    expect(open).toHaveLength(before + 1);
    expect(open.find((t: { title: string }) => t.title === '发送正式报价')).toMatchObject({
      dueAt: nextAt,
      customer: { id: zhangWeiCustomer },
      assignee: { name: '张伟' },
    });
  });

  test('pages follow the cursor without gaps or repeats', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await liuYang.send('POST', '/api/tasks', {
            title: `任务 ${i}`,
            dueAt: new Date(Date.now() + (i % 2) * day).toISOString(),
          })
        ).body.id,
      );
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; nextCursor: string | null } } = await liuYang.get(
        `/api/tasks?view=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.sort());
  });
});

describe('follow-up rules (admin)', () => {
  const revisit = {
    name: '首次跟进后 3 天回访',
    object: 'customer',
    trigger: 'event',
    event: 'first_follow_up',
    offsetDays: 3,
    action: 'task',
    taskTitle: '回访',
  };

  test('an admin creates, lists, changes and deletes a rule; each answer is as documented', async () => {
    const created = await admin.send('POST', '/api/followup-rules', revisit);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(ruleJson.safeParse(created.body).error).toBeUndefined();
    expect(created.body).toMatchObject({ ...revisit, enabled: true, dateField: null });
    const id = created.body.id;
    const list = await admin.get('/api/followup-rules');
    expect(list.body.items.map((r: { id: number }) => r.id)).toContain(id);
    const changed = await admin.send('PATCH', `/api/followup-rules/${id}`, { offsetDays: 5, enabled: false });
    expect(changed.body).toMatchObject({ offsetDays: 5, enabled: false, event: 'first_follow_up' });
    expect((await admin.send('DELETE', `/api/followup-rules/${id}`)).status).toBe(204);
    expect((await admin.send('PATCH', `/api/followup-rules/${id}`, { offsetDays: 1 })).status).toBe(404);
    const { rows } = await crm.db.query(
      `select action from audit_log where object_type = 'followUpRule' and object_id = $1 order by id`,
      [String(id)],
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  test('date rules take a date column or a custom date field; inactivity may send customers to the pool', async () => {
    const close = await admin.send('POST', '/api/followup-rules', {
      name: '预计成交前 3 天',
      object: 'opportunity',
      trigger: 'date',
      dateField: 'expectedCloseDate',
      offsetDays: -3,
      action: 'task',
      taskTitle: '确认签约',
    });
    expect(close.status, JSON.stringify(close.body)).toBe(201);
    const pool = await admin.send('POST', '/api/followup-rules', {
      name: '30 天未跟进退回公海',
      object: 'customer',
      trigger: 'inactivity',
      offsetDays: 30,
      action: 'pool',
      taskTitle: '不需要',
    });
    expect(pool.status).toBe(201);
    expect(pool.body.taskTitle).toBeNull();
  });

  test('only admins manage rules', async () => {
    expect((await liNa.get('/api/followup-rules')).status).toBe(403);
    const res = await zhangWei.send('POST', '/api/followup-rules', revisit);
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('只有管理员可以设置跟进规则');
  });

  test('a rule that does not hold together is a 400 on the field at fault, and nothing is stored', async () => {
    const count = async () => (await crm.db.query('select count(*)::int as n from follow_up_rule')).rows[0].n;
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { ...revisit, event: undefined },
        'event',
        '客户的事件应为：created（客户创建）、first_follow_up（首次跟进）',
      ],
      [
        { ...revisit, event: 'won' },
        'event',
        '客户的事件应为：created（客户创建）、first_follow_up（首次跟进）',
      ],
      [
        { ...revisit, trigger: 'date', dateField: 'customFields.不存在' },
        'dateField',
        expect.stringContaining('日期字段应为'),
      ],
      [{ ...revisit, trigger: 'inactivity', offsetDays: 0 }, 'offsetDays', '不活跃天数至少为 1 天'],
      [{ ...revisit, taskTitle: undefined }, 'taskTitle', '创建待办的规则需要填写待办标题'],
      [{ ...revisit, object: 'lead', event: 'claimed', action: 'pool' }, 'action', '只有客户可以退回公海'],
      [{ ...revisit, offsetDays: 1.5 }, 'offsetDays', '天数应为整数（负数表示之前）'],
      [{ ...revisit, object: 'order' }, 'object', expect.stringContaining('object 应为')],
      [
        { ...revisit, dateField: 'customer.name; drop table task' },
        'dateField',
        expect.stringContaining('dateField 应为'),
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.send('POST', '/api/followup-rules', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors, JSON.stringify(body)).toEqual([{ field, message }]);
    }
    const id = (await admin.send('POST', '/api/followup-rules', revisit)).body.id;
    const patch = await admin.send('PATCH', `/api/followup-rules/${id}`, { object: 'lead' });
    expect(patch.body.errors).toEqual([
      { field: 'event', message: '线索的事件应为：created（线索创建）、claimed（线索认领）' },
    ]);
    expect(
      (await admin.get('/api/followup-rules')).body.items.find((r: { id: number }) => r.id === id).object,
    ).toBe('customer');
    expect(await count()).toBe(before + 1);
  });

  test('a custom date field of the object is accepted once it is defined as a date', async () => {
    await crm.db.query(
      `insert into custom_field_definition (object, key, label, type, options, required, position, created_at, updated_at)
       values ('customer', '合同到期日', '合同到期日', 'date', '{}', false, 0, now(), now())`,
    );
    const res = await admin.send('POST', '/api/followup-rules', {
      name: '合同到期前 15 天续约',
      object: 'customer',
      trigger: 'date',
      dateField: 'customFields.合同到期日',
      offsetDays: -15,
      action: 'task',
      taskTitle: '续约提醒',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
});
