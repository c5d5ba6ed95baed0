import {
  DepartmentSchema,
  type RoleAssignment,
  RoleAssignmentSchema,
  type User,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { requireAdministration } from '../access/policy.js';
import { containsPattern } from '../lists/contains.js';

// The people an administrator gives roles to: everyone the org sync brought in, those who left
// included (their roles still show), with their platform identities and roles.

export interface PeopleQuery {
  /** Name, mobile, or a WeCom / DingTalk user id. */
  q?: string | undefined;
  /** Members of this department and of those below it. */
  departmentId?: number | undefined;
  roleId?: number | undefined;
  /** Without a role at all: who still needs one. */
  withoutRole?: boolean | undefined;
  active?: boolean | undefined;
  limit: number;
  /** People after this id (the last id of the previous page). */
  afterId?: number | undefined;
}

export interface PeoplePage {
  people: { user: User; roles: RoleAssignment[] }[];
  lastId?: number;
}

export async function listPeople(em: EntityManager, acting: Acting, query: PeopleQuery): Promise<PeoplePage> {
  requireAdministration(acting, 'roles');
  const conditions: FilterQuery<User>[] = [];
  if (query.q) {
    const like = containsPattern(query.q);
    conditions.push({
      $or: [
        { name: { $ilike: like } },
        { mobile: { $ilike: like } },
        { wecomUserId: query.q },
        { dingtalkUserId: query.q },
      ],
    });
  }
  if (query.departmentId !== undefined) {
    const top = await em.findOne(DepartmentSchema, query.departmentId);
    conditions.push({ department: { path: { $like: `${top?.path ?? '/none/'}%` } } });
  }
  if (query.active !== undefined) conditions.push({ active: query.active });
  if (query.roleId !== undefined)
    conditions.push({ id: { $in: (await holdersOf(em, { role: query.roleId })).map((a) => a.user.id) } });
  if (query.withoutRole) conditions.push({ id: { $nin: (await holdersOf(em, {})).map((a) => a.user.id) } });
  if (query.afterId !== undefined) conditions.push({ id: { $gt: query.afterId } });
  const users = await em.find(UserSchema, conditions.length > 0 ? { $and: conditions } : {}, {
    populate: ['department'],
    orderBy: { id: 'asc' },
    limit: query.limit + 1,
  });
  const more = users.length > query.limit;
  if (more) users.pop();
  const roles = await em.find(
    RoleAssignmentSchema,
    { user: { $in: users.map((u) => u.id) } },
    { populate: ['role', 'department'], orderBy: { id: 'asc' } },
  );
  const people = users.map((user) => ({ user, roles: roles.filter((a) => a.user.id === user.id) }));
  return more ? { people, lastId: users.at(-1)!.id } : { people };
}

const holdersOf = (em: EntityManager, where: FilterQuery<RoleAssignment>) =>
  em.find(RoleAssignmentSchema, where, { fields: ['user'] });
