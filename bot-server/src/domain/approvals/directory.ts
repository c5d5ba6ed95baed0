import { DepartmentSchema, RoleAssignmentSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserFacts } from './conditions.js';
import type { OrgDirectory } from './route.js';

// The company as routing reads it, loaded in three queries. A department's head is the member
// whose manager is not in the department (the org sync and the demo set everyone's manager to
// their head, and the head's to the head above); several such members: the first by id.

export async function loadDirectory(em: EntityManager): Promise<OrgDirectory> {
  const [users, departments, assignments] = await Promise.all([
    em.find(
      UserSchema,
      { active: true },
      { fields: ['id', 'department', 'managerId'], orderBy: { id: 'asc' } },
    ),
    em.find(DepartmentSchema, {}, { fields: ['id', 'parentId', 'path'] }),
    em.find(
      RoleAssignmentSchema,
      { user: { active: true } },
      { populate: ['role'], fields: ['user', 'role.code'] },
    ),
  ]);
  const parent = new Map(departments.map((d) => [d.id, d.parentId ?? undefined]));
  const pathIds = new Map(
    departments.map((d) => [d.id, d.path.split('/').filter(Boolean).map(Number)] as const),
  );
  const departmentOf = new Map(users.map((u) => [u.id, u.department?.id]));
  const managerOf = new Map(users.map((u) => [u.id, u.managerId ?? undefined]));
  const roles = new Map<number, string[]>();
  for (const a of assignments) roles.set(a.user.id, [...(roles.get(a.user.id) ?? []), a.role.code]);
  const heads = new Map<number, number>();
  for (const u of users) {
    const department = departmentOf.get(u.id);
    if (department === undefined || heads.has(department)) continue;
    const manager = managerOf.get(u.id);
    if (manager === undefined || departmentOf.get(manager) !== department) heads.set(department, u.id);
  }
  const facts = new Map<number, UserFacts>(
    users.map((u) => {
      const department = departmentOf.get(u.id);
      return [
        u.id,
        {
          departmentIds: department === undefined ? [] : (pathIds.get(department) ?? [department]),
          roles: roles.get(u.id) ?? [],
        },
      ];
    }),
  );
  const holders = (code: string) => users.filter((u) => roles.get(u.id)?.includes(code)).map((u) => u.id);
  return {
    facts: (id) => facts.get(id),
    managerOf: (id) => managerOf.get(id),
    departmentOf: (id) => departmentOf.get(id),
    parentOf: (id) => parent.get(id),
    headOf: (id) => heads.get(id),
    withRole: holders,
    administrators: () => holders('admin'),
  };
}
