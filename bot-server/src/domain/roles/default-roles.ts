import { DepartmentSchema, RoleAssignmentSchema, RoleSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { holdRole } from './hold.js';

// Default roles by department (DEFAULT_ROLES): a company going live gets its sales teams working
// without an administrator handing out fifty roles. Given at each sync, only to people who never
// held a role: someone an administrator gave another role, or took every role from, is theirs to
// decide, and the audit log (every change of a person's roles is in it, hold.ts) is what tells.

export interface DefaultRole {
  /** A word of the department's name: 销售 matches 华北销售部. */
  department: string;
  /** Role name or code of its members, and of its head. */
  member: string;
  head: string;
}

export async function giveDefaultRoles(
  em: EntityManager,
  rules: readonly DefaultRole[],
  heads: ReadonlySet<User>,
): Promise<{ defaultRolesGiven: number; defaultRolesUnknown: string[] }> {
  const unknown = new Set<string>();
  let given = 0;
  if (rules.length === 0) return { defaultRolesGiven: 0, defaultRolesUnknown: [] };
  const roles = await em.find(RoleSchema, {});
  const roleNamed = (name: string) =>
    roles.find((r) => r.code === name) ?? roles.find((r) => r.name === name);
  const departments = new Map((await em.find(DepartmentSchema, {})).map((d) => [d.id, d]));
  const settled = await peopleWhoseRolesWereSet(em);
  const headIds = new Set([...heads].map((u) => u.id));
  const people = await em.find(
    UserSchema,
    { active: true, department: { $ne: null } },
    { orderBy: { id: 'asc' } },
  );
  for (const person of people.filter((p) => !settled.has(p.id))) {
    const rule = nearestRule(rules, departments, departments.get(person.department!.id)?.path ?? '');
    if (!rule) continue;
    const name = headIds.has(person.id) ? rule.head : rule.member;
    const role = roleNamed(name);
    if (!role) {
      unknown.add(name);
      continue;
    }
    await holdRole(em, { user: null, via: 'sync' }, person, {
      role,
      scope: role.defaultScope,
      department: null,
    });
    given++;
  }
  return { defaultRolesGiven: given, defaultRolesUnknown: [...unknown] };
}

/** The rule of the person's department, else of the nearest department above it that has one. */
function nearestRule(
  rules: readonly DefaultRole[],
  departments: ReadonlyMap<number, { name: string }>,
  path: string,
): DefaultRole | undefined {
  const upwards = path.split('/').filter(Boolean).map(Number).reverse();
  for (const id of upwards) {
    const name = departments.get(id)?.name ?? '';
    const rule = rules.find((r) => name.includes(r.department));
    if (rule) return rule;
  }
  return undefined;
}

/** People who hold a role, or whose roles anyone ever changed (the audit log's `roles` entries). */
async function peopleWhoseRolesWereSet(em: EntityManager): Promise<Set<number>> {
  const holding = await em.find(RoleAssignmentSchema, {}, { fields: ['user'] });
  // em.execute: in the sync's transaction (PGlite's one session would wait for it otherwise).
  const changed = await em.execute<{ object_id: string }[]>(
    `select distinct object_id from audit_log where object_type = 'user' and jsonb_exists(changes, 'roles')`,
  );
  return new Set([...holding.map((a) => a.user.id), ...changed.map((r) => Number(r.object_id))]);
}
