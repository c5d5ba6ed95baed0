// The acting user and their roles are read for every chat event and permission check with SQL
// written once (orm/src/database/mapped-rows.ts) instead of MikroORM's find. What callers observe
// must be what find gave them: the same managed entities with their relations loaded, a change
// waiting in the entity manager flushed before the read, and an entity already loaded kept as it is.
import {
  DepartmentSchema,
  ensureBuiltInRoles,
  ormConfig,
  RoleAssignmentSchema,
  RoleSchema,
  UserSchema,
} from '@kelian/orm';
import { MikroORM, wrap } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { rolesOf } from '../../src/domain/auth/profile.js';
import { findUserByPlatformId } from '../../src/domain/org/users.js';

let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init(ormConfig(testDbUrl()));
});
afterAll(async () => {
  await orm.close(true);
});

let ids: { north: number; zhang: number; li: number };
beforeEach(async () => {
  await resetDatabase(testDbUrl());
  const em = orm.em.fork();
  await ensureBuiltInRoles(em);
  const north = em.create(DepartmentSchema, { name: '华北销售部', path: '/', wecomId: '2' });
  const zhang = em.create(UserSchema, {
    name: '张伟',
    title: '销售经理',
    department: north,
    wecomUserId: 'ZhangWei',
    dingtalkUserId: 'zhangwei01',
  });
  const li = em.create(UserSchema, { name: '李娜', wecomUserId: 'LiNa' });
  em.create(UserSchema, { name: '离职员工', wecomUserId: 'Gone', active: false });
  await em.flush();
  for (const [code, scope, department] of [
    ['sales', 'self', null],
    ['manager', 'department_tree', north],
  ] as const)
    em.create(RoleAssignmentSchema, {
      user: zhang,
      role: await em.findOneOrFail(RoleSchema, { code }),
      scope,
      department,
    });
  await em.flush();
  ids = { north: north.id, zhang: zhang.id, li: li.id };
});

/** The user as find gives it, department populated. */
const plain = (entity: object) => wrap(entity).toObject();

describe('the acting user', () => {
  test('on either platform is the entity find gives, with the department loaded', async () => {
    for (const [platform, id, title] of [
      ['wecom', 'ZhangWei', '大区经理'],
      ['dingtalk', 'zhangwei01', '区域总监'],
    ] as const) {
      const expected = await orm.em
        .fork()
        .findOneOrFail(UserSchema, { wecomUserId: 'ZhangWei' }, { populate: ['department'] });
      const em = orm.em.fork();
      const user = await findUserByPlatformId(em, platform, id);
      expect(plain(user!)).toEqual(plain(expected));
      expect(user!.department?.name).toBe('华北销售部');
      expect(wrap(user!.department!).isInitialized()).toBe(true);
      // Managed: a change is saved by the entity manager's flush.
      user!.title = title;
      await em.flush();
      expect((await orm.em.fork().findOneOrFail(UserSchema, ids.zhang)).title).toBe(title);
    }
  });

  test('without a department, inactive or unknown', async () => {
    const em = orm.em.fork();
    expect((await findUserByPlatformId(em, 'wecom', 'LiNa'))?.department).toBeNull();
    expect(await findUserByPlatformId(em, 'wecom', 'Gone')).toBeNull();
    expect(await findUserByPlatformId(em, 'wecom', 'Nobody')).toBeNull();
  });

  test('already loaded with an unsaved change: the same entity, the change kept', async () => {
    const em = orm.em.fork();
    const loaded = await em.findOneOrFail(UserSchema, ids.zhang);
    loaded.title = '未保存的头衔';
    const found = await findUserByPlatformId(em, 'wecom', 'ZhangWei');
    expect(found).toBe(loaded);
    expect(found!.title).toBe('未保存的头衔');
  });
});

describe("the user's roles", () => {
  test('are the entities find gives, in order, with role and department loaded', async () => {
    const expected = await orm.em
      .fork()
      .find(
        RoleAssignmentSchema,
        { user: ids.zhang },
        { populate: ['role', 'department'], orderBy: { id: 'asc' } },
      );
    const em = orm.em.fork();
    const roles = await rolesOf(em, await em.findOneOrFail(UserSchema, ids.zhang));
    expect(roles.map(plain)).toEqual(expected.map(plain));
    expect(roles.map((a) => [a.role.name, a.scope, a.department?.name ?? null])).toEqual([
      ['销售', 'self', null],
      ['销售主管', 'department_tree', '华北销售部'],
    ]);
    expect(await rolesOf(em, await em.findOneOrFail(UserSchema, ids.li))).toEqual([]);
  });

  test('see an assignment waiting in the entity manager, and a change to one loaded', async () => {
    const em = orm.em.fork();
    const li = await em.findOneOrFail(UserSchema, ids.li);
    em.create(RoleAssignmentSchema, {
      user: li,
      role: await em.findOneOrFail(RoleSchema, { code: 'sales' }),
      scope: 'self',
    });
    expect((await rolesOf(em, li)).map((a) => a.role.code)).toEqual(['sales']);

    const zhang = await em.findOneOrFail(UserSchema, ids.zhang);
    const [first] = await rolesOf(em, zhang);
    first!.scope = 'department';
    const again = await rolesOf(em, zhang);
    expect(again[0]).toBe(first);
    expect(again[0]!.scope).toBe('department');
  });
});
