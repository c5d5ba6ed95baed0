import {
  ContactSchema,
  CustomerSchema,
  DepartmentSchema,
  demoCustomerCount,
  ensureDefaultPipeline,
  FollowUpSchema,
  loadDemoDataIfEmpty,
  OpportunitySchema,
  ormConfig,
  RoleAssignmentSchema,
  UserSchema,
} from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { testDbUrl } from '../testing/db-url.js';
import { resetDatabase } from '../testing/reset.js';

let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init(ormConfig(testDbUrl()));
});
beforeEach(() => resetDatabase(testDbUrl()));
afterAll(() => orm.close(true));

test('an empty database gets the demo company: departments, about 20 users with roles, 200 customers', async () => {
  const summary = await loadDemoDataIfEmpty(orm.em.fork());
  expect(summary).toMatchObject({ departments: 8, users: 21, customers: demoCustomerCount });
  const em = orm.em.fork();
  const names = (await em.find(DepartmentSchema, {}, { orderBy: { id: 'asc' } })).map((d) => d.name);
  expect(names).toEqual(
    expect.arrayContaining([
      '总经办',
      '华北销售部',
      '华东销售部',
      '华南销售部',
      '采购部',
      '客服部',
      '财务部',
    ]),
  );
  const zhang = await em.findOneOrFail(UserSchema, { wecomUserId: 'ZhangWei' }, { populate: ['department'] });
  expect(zhang.department?.name).toBe('华北销售部');
  const roles = await em.find(RoleAssignmentSchema, { user: zhang }, { populate: ['role'] });
  expect(roles.map((r) => [r.role.code, r.scope])).toEqual([['sales', 'self']]);
  expect(await em.count(CustomerSchema)).toBe(demoCustomerCount);
  // Every customer has someone to call, and the reps have a history to look at.
  const [lonely] = await em.execute(
    'select count(*)::int as n from customer c where not exists (select 1 from contact k where k.customer_id = c.id)',
  );
  expect(lonely).toEqual({ n: 0 });
  expect(await em.count(ContactSchema)).toBe(summary!.contacts);
  expect(await em.count(FollowUpSchema)).toBeGreaterThan(100);
  // A northern customer is owned by someone from the northern team, or sits in the pool.
  const beijing = await em.find(CustomerSchema, { region: '北京' }, { populate: ['owner.department'] });
  expect(beijing.length).toBeGreaterThan(0);
  for (const c of beijing) expect([undefined, '华北销售部']).toContain(c.owner?.department?.name);
});

test('demo deal names read naturally: the customer’s name without its legal form, then the deal', async () => {
  await ensureDefaultPipeline(orm.em.fork());
  await loadDemoDataIfEmpty(orm.em.fork());
  const deals = await orm.em.fork().find(OpportunitySchema, {}, { populate: ['customer'] });
  expect(deals.length).toBeGreaterThan(10);
  for (const deal of deals) {
    const short = deal.customer.name.replace(/(股份有限公司|集团有限公司|有限公司)$/, '');
    // Not cut mid-word (保定润泽物流有限年度采购; 保定润泽物流2026年度采购 is right): the whole short name, then a whole deal word.
    expect(deal.name).toMatch(
      new RegExp(`^${short}(\\d{4}年度采购|\\d{4}框架协议|系统升级|设备更新|二期项目|维保续约)$`),
    );
  }
});

test('never loads into a database that already holds data', async () => {
  const em = orm.em.fork();
  em.create(CustomerSchema, { kind: 'company', name: '已有客户有限公司', customFields: {} });
  await em.flush();
  expect(await loadDemoDataIfEmpty(orm.em.fork())).toBeUndefined();
  expect(await orm.em.fork().count(CustomerSchema)).toBe(1);
  expect(await orm.em.fork().count(UserSchema)).toBe(0);
});
