// The administrators' roles API (issue 19) on the demo company: roles with their data scope, rights
// and field rules; giving people roles; a preview of what a person would see under unsaved rules.
// Only administrators may use it; every change is in the audit log; bad input is refused with a
// Chinese title and a stable type, and changes nothing. What a person then sees is checked through
// their own session, the same doors they use.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, customersOwnedBy, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let admin: Session;
let ids: Record<'wang' | 'xu' | 'zhangWei' | 'liuYang' | 'sunHao' | 'maChao', number>;

beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  ids = {
    wang: await crm.userId('王建国'),
    xu: await crm.userId('徐明'),
    zhangWei: await crm.userId('张伟'),
    liuYang: await crm.userId('刘洋'),
    sunHao: await crm.userId('孙浩'),
    maChao: await crm.userId('马超'),
  };
});
afterAll(() => crm.stop());

const problem = (type: string) => `urn:kelian:problem:${type}`;
const roleNamed = async (name: string) =>
  (await admin.get('/api/roles')).body.items.find((r: { name: string }) => r.name === name);
const roleRows = async () => (await crm.db.query('select * from role order by id')).rows;
const assignmentRows = async () => (await crm.db.query('select * from role_assignment order by id')).rows;
const auditOf = async (objectType: string, objectId: number) =>
  (
    await crm.db.query(
      'select actor_id, action, changes, via from audit_log where object_type = $1 and object_id = $2 order by id',
      [objectType, String(objectId)],
    )
  ).rows;

describe('who may use it', () => {
  test('only administrators: a rep and a manager are refused every route, and nothing changes', async () => {
    const before = { roles: await roleRows(), assignments: await assignmentRows() };
    const sales = await roleNamed('销售');
    for (const name of ['张伟', '李娜']) {
      const session = await crm.as(name);
      const attempts: [string, string, unknown?][] = [
        ['GET', '/api/roles'],
        ['GET', '/api/roles/vocabulary'],
        ['POST', '/api/roles', { name: '越权', defaultScope: 'all' }],
        ['PATCH', `/api/roles/${sales.id}`, { defaultScope: 'all' }],
        ['DELETE', `/api/roles/${sales.id}`],
        ['POST', '/api/roles/preview', { userId: ids.zhangWei, defaultScope: 'all' }],
        ['GET', '/api/admin/users'],
        ['GET', '/api/admin/departments'],
        ['PUT', `/api/admin/users/${ids.zhangWei}/roles/${sales.id}`, { scope: 'all' }],
        ['DELETE', `/api/admin/users/${ids.xu}/roles/${sales.id}`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await session.send(method, path, body);
        expect(res.status, `${name} ${method} ${path}`).toBe(403);
        expect(res.body).toMatchObject({ type: problem('forbidden'), title: '只有管理员可以管理角色与权限' });
      }
    }
    expect({ roles: await roleRows(), assignments: await assignmentRows() }).toEqual(before);
  });

  test('/api/me says who administers: the admin role, or a custom role given that right; nobody else', async () => {
    expect((await admin.get('/api/me')).body.administers).toBe(true);
    const liu = await crm.as('刘洋');
    expect((await liu.get('/api/me')).body.administers).toBe(false);
    const it = await admin.send('POST', '/api/roles', {
      name: 'IT 支持',
      defaultScope: 'all',
      rights: { settings: ['administer'] },
    });
    expect(it.status).toBe(201);
    await admin.send('PUT', `/api/admin/users/${ids.liuYang}/roles/${it.body.id}`, {});
    expect((await liu.get('/api/me')).body.administers).toBe(true);
    // The console is his now too.
    expect((await liu.get('/api/roles')).status).toBe(200);
    await admin.send('DELETE', `/api/admin/users/${ids.liuYang}/roles/${it.body.id}`);
    await admin.send('DELETE', `/api/roles/${it.body.id}`);
    expect((await liu.get('/api/me')).body.administers).toBe(false);
  });
});

describe('people and their roles', () => {
  test('lists everyone with department, platform identities and roles; searches by name, mobile and user id', async () => {
    const all = await admin.get('/api/admin/users?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(21);
    const zhang = all.body.items.find((p: { id: number }) => p.id === ids.zhangWei);
    expect(zhang).toMatchObject({
      name: '张伟',
      active: true,
      department: { name: '华北销售部' },
      identities: { wecom: 'ZhangWei', dingtalk: '0100102' },
      roles: [{ role: { code: 'sales', name: '销售' }, scope: 'self', department: { name: '华北销售部' } }],
    });
    for (const q of ['张伟', 'ZhangWei', '0100102', '13800100102'])
      expect(
        (await admin.get(`/api/admin/users?q=${encodeURIComponent(q)}`)).body.items.map(
          (p: { id: number }) => p.id,
        ),
      ).toEqual([ids.zhangWei]);
    const page = await admin.get('/api/admin/users?limit=5');
    expect(page.body.items).toHaveLength(5);
    const next = await admin.get(
      `/api/admin/users?limit=5&cursor=${encodeURIComponent(page.body.nextCursor)}`,
    );
    expect(next.body.items[0].id).toBeGreaterThan(page.body.items[4].id);
    const sales = await roleNamed('销售');
    expect((await admin.get(`/api/admin/users?roleId=${sales.id}&limit=100`)).body.items).toHaveLength(
      sales.holders,
    );
  });

  test('a role given with a department scope lets the person reach that department’s customers at once; audited', async () => {
    const [liuYangs] = await customersOwnedBy(crm.db, ids.liuYang);
    const zhang = await crm.as('张伟');
    expect((await zhang.get(`/api/customers/${liuYangs}`)).status).toBe(404);

    const manager = await roleNamed('销售主管');
    const given = await admin.send('PUT', `/api/admin/users/${ids.zhangWei}/roles/${manager.id}`, {
      scope: 'department',
    });
    expect(given.status).toBe(200);
    expect(
      given.body.roles.map((r: { role: { code: string }; scope: string }) => [r.role.code, r.scope]),
    ).toEqual([
      ['sales', 'self'],
      ['manager', 'department'],
    ]);
    expect((await zhang.get(`/api/customers/${liuYangs}`)).status).toBe(200);
    const [entry] = await auditOf('user', ids.zhangWei);
    expect(entry).toMatchObject({ actor_id: ids.xu, action: 'update', via: 'api' });
    expect(entry.changes.roles.after).toContainEqual({
      role: 'manager',
      scope: 'department',
      departmentId: null,
    });

    // Given again just so: nothing to record.
    await admin.send('PUT', `/api/admin/users/${ids.zhangWei}/roles/${manager.id}`, { scope: 'department' });
    expect(await auditOf('user', ids.zhangWei)).toHaveLength(1);

    const taken = await admin.send('DELETE', `/api/admin/users/${ids.zhangWei}/roles/${manager.id}`);
    expect(taken.body.roles).toHaveLength(1);
    expect((await zhang.get(`/api/customers/${liuYangs}`)).status).toBe(404);
  });

  test('the last administrator cannot be removed, not even by themself; nothing changes', async () => {
    const adminRole = await roleNamed('管理员');
    expect((await admin.send('DELETE', `/api/admin/users/${ids.wang}/roles/${adminRole.id}`)).status).toBe(
      200,
    );
    const before = await assignmentRows();
    const last = await admin.send('DELETE', `/api/admin/users/${ids.xu}/roles/${adminRole.id}`);
    expect(last.status).toBe(409);
    expect(last.body).toMatchObject({
      type: problem('last-administrator'),
      title: '不能移除最后一位管理员：请先让另一位同事成为管理员',
    });
    // Nor by taking the right to administer from the admin role itself.
    const stripped = await admin.send('PATCH', `/api/roles/${adminRole.id}`, {
      rights: { customer: ['read'] },
    });
    expect(stripped.body.type).toBe(problem('last-administrator'));
    expect(await assignmentRows()).toEqual(before);
    expect((await roleNamed('管理员')).rights.settings).toEqual(['administer']);
    expect((await admin.send('PUT', `/api/admin/users/${ids.wang}/roles/${adminRole.id}`, {})).status).toBe(
      200,
    );
  });
});

describe('custom roles', () => {
  test('the vocabulary offers exactly what a role may be given, in Chinese', async () => {
    const { body } = await admin.get('/api/roles/vocabulary');
    expect(body.scopes.map((s: { label: string }) => s.label)).toEqual([
      '本人',
      '本部门',
      '本部门及下级',
      '全公司',
    ]);
    expect(body.rights.find((r: { object: string }) => r.object === 'lead').verbs).toContainEqual({
      verb: 'claim',
      label: '认领',
    });
    const contact = body.fields.find((f: { object: string }) => f.object === 'contact');
    expect(contact).toMatchObject({ label: '联系人' });
    expect(contact.fields).toContainEqual({ field: 'mobile', label: '手机' });
    // Offered is accepted; a verb not offered for the object is refused.
    const claimOnCustomers = await admin.send('POST', '/api/roles', {
      name: '试用',
      defaultScope: 'self',
      rights: { customer: ['claim'] },
    });
    expect(claimOnCustomers.body).toMatchObject({ status: 400, type: problem('role-verb-unknown') });
  });

  test('bad rules are refused with a Chinese title and a stable type, and nothing is created', async () => {
    const before = await roleRows();
    const cases: [unknown, number, string, string][] = [
      [
        { name: '区域经理' },
        400,
        'role-scope-missing',
        '请为角色选择数据范围：本人、本部门、本部门及下级或全部',
      ],
      [
        { name: '区域经理', defaultScope: 'department', fieldRules: { contact: { wechatId: 'hidden' } } },
        400,
        'role-field-unknown',
        '没有「contact.wechatId」这个字段，无法为它设置字段权限',
      ],
      [
        { name: '区域经理', defaultScope: 'all', rights: { invoice: ['read'] } },
        400,
        'role-object-unknown',
        '没有「invoice」这类对象，无法设置权限',
      ],
      [
        { name: '区域经理', defaultScope: 'all', rights: { customer: ['administer'] } },
        400,
        'role-verb-unknown',
        '「customer」不能设置「administer」权限',
      ],
      [{ name: '销售', defaultScope: 'self' }, 409, 'role-name-taken', '已有名为「销售」的角色'],
      [
        { name: '区域经理', defaultScope: 'all', fieldRules: { customer: { phone: 'secret' } } },
        400,
        'invalid-request',
        '请求内容有误，请检查标出的字段',
      ],
    ];
    for (const [body, status, type, title] of cases) {
      const res = await admin.send('POST', '/api/roles', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body).toMatchObject({ type: problem(type), title });
    }
    expect(await roleRows()).toEqual(before);
  });

  test('created, edited, refused deletion while held, deleted: each audited', async () => {
    const created = await admin.send('POST', '/api/roles', {
      name: '区域经理',
      code: 'regional',
      defaultScope: 'department_tree',
      rights: { customer: ['read', 'edit'], opportunity: ['read'] },
      fieldRules: { contact: { mobile: 'masked' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'regional',
      builtIn: false,
      defaultScope: 'department_tree',
      holders: 0,
    });
    const id = created.body.id;

    const edited = await admin.send('PATCH', `/api/roles/${id}`, {
      fieldRules: { contact: { mobile: 'hidden' } },
    });
    expect(edited.body.fieldRules).toEqual({ contact: { mobile: 'hidden' } });
    await admin.send('PUT', `/api/admin/users/${ids.sunHao}/roles/${id}`, {});
    const held = await admin.send('DELETE', `/api/roles/${id}`);
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({
      type: problem('role-in-use'),
      title: '还有 1 人担任「区域经理」，请先为他们移除该角色再删除',
    });
    const builtIn = await admin.send('DELETE', `/api/roles/${(await roleNamed('销售')).id}`);
    expect(builtIn.body).toMatchObject({ status: 409, type: problem('role-built-in') });

    await admin.send('DELETE', `/api/admin/users/${ids.sunHao}/roles/${id}`);
    expect((await admin.send('DELETE', `/api/roles/${id}`)).status).toBe(204);
    expect(await roleNamed('区域经理')).toBeUndefined();
    const log = await auditOf('role', id);
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(log[1].changes).toEqual({
      fieldRules: { before: { contact: { mobile: 'masked' } }, after: { contact: { mobile: 'hidden' } } },
    });
  });
});

describe('preview: what a person sees under unsaved rules', () => {
  test('马超 with the procurement role edited: the customer list and a record, presented as he would see them; nothing saved', async () => {
    const procurement = await roleNamed('采购');
    const [target] = await customersOwnedBy(crm.db, ids.zhangWei);
    const maChao = await crm.as('马超');
    const real = (await maChao.get(`/api/customers/${target}`)).body;
    expect(real.phone).toMatch(/\*{4}/);
    expect(real.contacts[0].email).toBeUndefined();

    const before = await roleRows();
    const preview = await admin.send('POST', '/api/roles/preview', {
      userId: ids.maChao,
      roleId: procurement.id,
      defaultScope: 'all',
      rights: { customer: ['read'] },
      fieldRules: { customer: { address: 'hidden' }, contact: { mobile: 'masked' } },
      customerId: target,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.user).toEqual({ id: ids.maChao, name: '马超' });
    expect(preview.body.customers).toHaveLength(10);
    const shown = preview.body.customer;
    expect(shown.id).toBe(target);
    // Unmasked phone, hidden address, e-mail back, mobile still masked.
    const stored = (await crm.db.query('select phone from customer where id = $1', [target])).rows[0];
    expect(shown.phone).toBe(stored.phone);
    expect(shown).not.toHaveProperty('address');
    expect(shown.contacts[0].mobile).toMatch(/\*{4}/);
    expect(shown.contacts[0]).toHaveProperty('email');
    expect(shown.fieldAccess.editable).toEqual([]);
    expect(await roleRows()).toEqual(before);
  });

  test('a role not yet created, for 张伟: a colleague’s customer shows under scope all, not under self', async () => {
    const [sunHaos] = await customersOwnedBy(crm.db, ids.sunHao);
    const rules = { rights: { customer: ['read'] }, customerId: sunHaos, userId: ids.zhangWei };
    const wide = await admin.send('POST', '/api/roles/preview', { ...rules, defaultScope: 'all' });
    expect(wide.body.customer.id).toBe(sunHaos);
    const narrow = await admin.send('POST', '/api/roles/preview', { ...rules, defaultScope: 'self' });
    expect(narrow.status).toBe(200);
    expect(narrow.body.customer).toBeNull();
    const bad = await admin.send('POST', '/api/roles/preview', {
      ...rules,
      fieldRules: { lead: { budget: 'hidden' } },
      defaultScope: 'self',
    });
    expect(bad.body).toMatchObject({ status: 400, type: problem('role-field-unknown') });
  });
});
