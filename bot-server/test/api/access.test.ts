// Who sees and touches which customer, through the REST API of the real server with the demo
// company: data scopes (self, department tree, all), the pool, field rules (masked, hidden,
// read-only) with a reveal that is audited, and the attacks: a rep reaching for a colleague's
// customer by id gets the answer a missing id gets, and nothing changes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  allPages,
  auditRows,
  type Crm,
  customerRow,
  customersOwnedBy,
  type Session,
  startCrm,
} from './customers-support.js';

let crm: Crm;
let zhangWei: Session;
let ids: Record<'zhangWei' | 'liuYang' | 'liNa' | 'sunHao', number>;

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  ids = {
    zhangWei: await crm.userId('张伟'),
    liuYang: await crm.userId('刘洋'),
    liNa: await crm.userId('李娜'),
    sunHao: await crm.userId('孙浩'),
  };
});
afterAll(() => crm.stop());

const poolIds = async () =>
  (
    await crm.db.query<{ id: number }>(
      'select id from customer where owner_id is null and deleted_at is null',
    )
  ).rows.map((r) => r.id);

const departmentCustomers = async (department: string) =>
  (
    await crm.db.query<{ id: number }>(
      `select c.id from customer c join app_user u on u.id = c.owner_id join department d on d.id = u.department_id
        where d.name = $1 and c.deleted_at is null`,
      [department],
    )
  ).rows.map((r) => r.id);

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('data scope', () => {
  test('a sales rep (self) lists his own customers and the pool, never a colleague’s', async () => {
    const own = await customersOwnedBy(crm.db, ids.zhangWei);
    expect(own.length).toBeGreaterThan(3);
    const listed = await allPages(zhangWei, '/api/customers');
    expect(sorted(listed.map((c) => c.id))).toEqual(sorted([...own, ...(await poolIds())]));

    const mine = await allPages(zhangWei, '/api/customers?owner=me');
    expect(sorted(mine.map((c) => c.id))).toEqual(own);

    // Asking for a colleague's customers by owner id finds none: the filter narrows the scope.
    expect((await zhangWei.get(`/api/customers?owner=${ids.liuYang}`)).body.items).toEqual([]);
  });

  test('he opens his own customer; a colleague’s is "not found", like an id that does not exist', async () => {
    const [own] = await customersOwnedBy(crm.db, ids.zhangWei);
    const [colleagues] = await customersOwnedBy(crm.db, ids.liuYang);
    const view = await zhangWei.get(`/api/customers/${own}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: own, owner: { id: ids.zhangWei, name: '张伟' } });

    const theirs = await zhangWei.get(`/api/customers/${colleagues}`);
    const missing = await zhangWei.get('/api/customers/99999999');
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body.type).toBe(missing.body.type);
    expect(theirs.body.title).toBe('客户不存在');
  });

  test('he cannot change, delete, follow up, reveal or re-own a colleague’s customer: 404 and nothing changes', async () => {
    const [target] = await customersOwnedBy(crm.db, ids.liuYang);
    const before = await customerRow(crm.db, target!);
    const followUps = async () =>
      (await crm.db.query('select count(*)::int as n from follow_up where customer_id = $1', [target]))
        .rows[0].n;
    const followUpsBefore = await followUps();

    const attempts = [
      zhangWei.send('PATCH', `/api/customers/${target}`, { name: '被改掉的名字' }),
      zhangWei.send('DELETE', `/api/customers/${target}`),
      zhangWei.send('POST', `/api/customers/${target}/follow-ups`, { kind: 'call', content: '冒充跟进' }),
      zhangWei.send('POST', `/api/customers/${target}/reveal`, { field: 'phone' }),
      zhangWei.send('PUT', `/api/customers/${target}/owner`, { ownerId: ids.zhangWei }),
      zhangWei.send('POST', `/api/customers/${target}/restore`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('urn:kelian:problem:not-found');
    }
    expect(await customerRow(crm.db, target!)).toEqual(before);
    expect(await followUps()).toBe(followUpsBefore);
    expect(await auditRows(crm.db, 'customer', target!)).toEqual([]);
  });

  test('a pool customer is visible to a rep but changed only after claiming it', async () => {
    const [pooled] = await poolIds();
    const view = await zhangWei.get(`/api/customers/${pooled}`);
    expect(view.status).toBe(200);
    expect(view.body.owner).toBeNull();
    expect(view.body.fieldAccess.editable).toEqual([]);
    const before = await customerRow(crm.db, pooled!);
    const res = await zhangWei.send('PATCH', `/api/customers/${pooled}`, { level: 'A' });
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('公海客户需要先认领才能修改');
    expect(await customerRow(crm.db, pooled!)).toEqual(before);
  });

  test('a manager (department tree of 华北销售部) sees the team’s customers and the pool, not another team’s', async () => {
    const liNa = await crm.as('李娜');
    const listed = await allPages(liNa, '/api/customers');
    const north = await departmentCustomers('华北销售部');
    expect(sorted(listed.map((c) => c.id))).toEqual(sorted([...north, ...(await poolIds())]));
    const [east] = await departmentCustomers('华东销售部');
    expect((await liNa.get(`/api/customers/${east}`)).status).toBe(404);
  });

  test('an admin sees every live customer', async () => {
    const admin = await crm.as('徐明');
    const live = (await crm.db.query('select count(*)::int as n from customer where deleted_at is null'))
      .rows[0].n;
    const listed = await allPages(admin, '/api/customers', 50);
    expect(listed).toHaveLength(live);
  });

  test('a user with no role sees nothing', async () => {
    const id = await crm.userId('梁宇');
    await crm.db.query('delete from role_assignment where user_id = $1', [id]);
    const nobody = await crm.as('梁宇');
    expect((await nobody.get('/api/customers')).body.items).toEqual([]);
    const [any] = await customersOwnedBy(crm.db, ids.zhangWei);
    expect((await nobody.get(`/api/customers/${any}`)).status).toBe(404);
  });
});

describe('reassigning', () => {
  test('a rep may not hand his customer to someone else', async () => {
    const [own] = await customersOwnedBy(crm.db, ids.zhangWei);
    const res = await zhangWei.send('PUT', `/api/customers/${own}/owner`, { ownerId: ids.liuYang });
    expect(res.status).toBe(403);
    expect((await customerRow(crm.db, own!))!.owner_id).toBe(ids.zhangWei);
  });

  test('the manager moves a customer inside her team and out of the pool, never to another team', async () => {
    const liNa = await crm.as('李娜');
    const [own] = await customersOwnedBy(crm.db, ids.zhangWei);
    const moved = await liNa.send('PUT', `/api/customers/${own}/owner`, { ownerId: ids.liuYang });
    expect(moved.status).toBe(200);
    expect(moved.body.owner).toEqual({ id: ids.liuYang, name: '刘洋' });
    const entries = await auditRows(crm.db, 'customer', own!);
    expect(entries.at(-1)).toMatchObject({
      actor_id: ids.liNa,
      action: 'update',
      via: 'api',
      changes: { owner: { before: ids.zhangWei, after: ids.liuYang } },
    });
    expect((await zhangWei.get(`/api/customers/${own}`)).status).toBe(404);

    const outside = await liNa.send('PUT', `/api/customers/${own}/owner`, { ownerId: ids.sunHao });
    expect(outside.status).toBe(403);
    expect(outside.body.errors).toEqual([
      { field: 'ownerId', message: '新负责人不存在，或不在你的管辖范围内' },
    ]);
    expect((await customerRow(crm.db, own!))!.owner_id).toBe(ids.liuYang);

    const [pooled] = await poolIds();
    const claimed = await liNa.send('PUT', `/api/customers/${pooled}/owner`, { ownerId: ids.zhangWei });
    expect(claimed.status).toBe(200);
    expect((await zhangWei.get(`/api/customers/${pooled}`)).body.fieldAccess.editable).toContain('name');

    const [east] = await departmentCustomers('华东销售部');
    expect((await liNa.send('PUT', `/api/customers/${east}/owner`, { ownerId: ids.zhangWei })).status).toBe(
      404,
    );
  });
});

describe('field rules', () => {
  const firstContact = async () =>
    (
      await crm.db.query<{ customer_id: number; id: number; mobile: string; email: string | null }>(
        `select ct.customer_id, ct.id, ct.mobile, ct.email from contact ct join customer c on c.id = ct.customer_id
          where c.deleted_at is null and ct.email is not null order by ct.id limit 1`,
      )
    ).rows[0]!;

  test('a service agent sees contact mobiles masked as 138****1234, and a reveal shows one and is audited', async () => {
    const guoXue = await crm.as('郭雪');
    const contact = await firstContact();
    const view = await guoXue.get(`/api/customers/${contact.customer_id}`);
    expect(view.status).toBe(200);
    const shown = view.body.contacts.find((c: { id: number }) => c.id === contact.id);
    expect(shown.mobile).toBe(`${contact.mobile.slice(0, 3)}****${contact.mobile.slice(-4)}`);
    expect(shown.mobile).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(shown.email).toBe(contact.email);
    expect(shown.fieldAccess.revealable).toEqual(['mobile']);
    expect(shown.fieldAccess.editable).not.toContain('mobile');
    expect(JSON.stringify(view.body)).not.toContain(contact.mobile);

    expect(await auditRows(crm.db, 'contact', contact.id)).toEqual([]);
    const revealed = await guoXue.send('POST', `/api/customers/${contact.customer_id}/reveal`, {
      field: 'mobile',
      contactId: contact.id,
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ field: 'mobile', contactId: contact.id, value: contact.mobile });
    expect(await auditRows(crm.db, 'contact', contact.id)).toEqual([
      {
        actor_id: await crm.userId('郭雪'),
        action: 'reveal',
        changes: { fields: ['mobile'], customer: contact.customer_id },
        via: 'api',
        request_id: revealed.headers.get('x-request-id'),
      },
    ]);
  });

  test('procurement: the customer phone masked, contact email hidden: absent, and never revealed', async () => {
    const zhuLi = await crm.as('朱丽');
    const contact = await firstContact();
    const view = await zhuLi.get(`/api/customers/${contact.customer_id}`);
    const shown = view.body.contacts.find((c: { id: number }) => c.id === contact.id);
    expect(shown).not.toHaveProperty('email');
    expect(view.body.fieldAccess.revealable).toContain('phone');
    expect(view.body.phone).toContain('****');
    const res = await zhuLi.send('POST', `/api/customers/${contact.customer_id}/reveal`, {
      field: 'email',
      contactId: contact.id,
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain(contact.email);
    const zhuLiId = await crm.userId('朱丽');
    expect((await auditRows(crm.db, 'contact', contact.id)).filter((r) => r.actor_id === zhuLiId)).toEqual(
      [],
    );

    // Filtering by what one may not see would tell it by elimination.
    await crm.db.query(
      `update role set field_rules = '{"customer":{"level":"hidden"}}' where code = 'procurement'`,
    );
    try {
      const filtered = await zhuLi.get('/api/customers?level=A');
      expect(filtered.status).toBe(403);
      expect(filtered.body.errors).toEqual([{ field: 'level', message: '你无权按「等级」筛选或排序' }]);
    } finally {
      await crm.db.query(
        `update role set field_rules = '{"customer":{"phone":"masked"},"contact":{"mobile":"masked","email":"hidden"}}' where code = 'procurement'`,
      );
    }
  });

  test('a read-only field is shown, not offered for editing, and a write to it is refused with nothing changed', async () => {
    await crm.db.query(
      `update role set field_rules = '{"customer":{"level":"readonly"}}' where code = 'sales'`,
    );
    try {
      const [own] = await customersOwnedBy(crm.db, ids.liuYang);
      const liuYang = await crm.as('刘洋');
      const view = await liuYang.get(`/api/customers/${own}`);
      expect(view.body).toHaveProperty('level');
      expect(view.body.fieldAccess.editable).not.toContain('level');
      expect(view.body.fieldAccess.editable).toContain('name');

      const before = await customerRow(crm.db, own!);
      const res = await liuYang.send('PATCH', `/api/customers/${own}`, { name: '新名字', level: 'A' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        type: 'urn:kelian:problem:field-refused',
        errors: [{ field: 'level', message: '「等级」是只读字段，不能修改' }],
      });
      expect(await customerRow(crm.db, own!)).toEqual(before);
    } finally {
      await crm.db.query(`update role set field_rules = '{}' where code = 'sales'`);
    }
  });

  test('two roles: the more permissive rule of either wins', async () => {
    const guoXueId = await crm.userId('郭雪');
    await crm.db.query(
      `insert into role_assignment (user_id, role_id, scope, created_at) select $1, id, 'self', now() from role where code = 'sales'`,
      [guoXueId],
    );
    try {
      const contact = await firstContact();
      const view = await (await crm.as('郭雪')).get(`/api/customers/${contact.customer_id}`);
      const shown = view.body.contacts.find((c: { id: number }) => c.id === contact.id);
      expect(shown.mobile).toBe(contact.mobile);
      expect(shown.fieldAccess.revealable).toEqual([]);
    } finally {
      await crm.db.query(
        `delete from role_assignment where user_id = $1 and role_id = (select id from role where code = 'sales')`,
        [guoXueId],
      );
    }
  });
});

describe('audit log', () => {
  test('admins read it, newest first, filtered by object; others get 403', async () => {
    const admin = await crm.as('王建国');
    const page = await admin.get('/api/audit?objectType=contact&limit=5');
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items[0]).toMatchObject({
      action: 'reveal',
      actor: { name: '郭雪' },
      objectType: 'contact',
    });

    const byActor = await admin.get(`/api/audit?actor=${ids.liNa}`);
    expect(byActor.body.items.length).toBeGreaterThan(0);
    expect(byActor.body.items.every((e: { actor: { id: number } }) => e.actor.id === ids.liNa)).toBe(true);

    const denied = await zhangWei.get('/api/audit');
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      type: 'urn:kelian:problem:forbidden',
      title: '只有管理员可以查看审计日志',
    });
    expect((await crm.api('/api/audit')).status).toBe(401);
  });
});
