import {
  columnsAs,
  DepartmentSchema,
  entityAs,
  flushedFor,
  type RoleAssignment,
  RoleAssignmentSchema,
  RoleSchema,
  relationAs,
  type User,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The user's roles, each with its data scope and the department that scope is anchored at. Every
 * chat command and API request that checks a permission asks this: SQL written once (mapped-rows.ts).
 */
export async function rolesOf(em: EntityManager, user: User): Promise<RoleAssignment[]> {
  await flushedFor(em, RoleAssignmentSchema);
  const rows = await em.execute<Record<string, unknown>[]>(
    `select ${columnsAs(em, RoleAssignmentSchema, 'a')}, ${columnsAs(em, RoleSchema, 'r')},
            ${columnsAs(em, DepartmentSchema, 'd')}
       from role_assignment a join role r on r.id = a.role_id
       left join department d on d.id = a.department_id
      where a.user_id = ? order by a.id`,
    [user.id],
  );
  return rows.map((row) => {
    // What the assignment points to first: its references are then the loaded ones.
    relationAs(em, RoleSchema, row, 'r');
    relationAs(em, DepartmentSchema, row, 'd');
    return entityAs(em, RoleAssignmentSchema, row, 'a')!;
  });
}
