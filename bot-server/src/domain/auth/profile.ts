import { RoleAssignmentSchema, type User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The user's roles, each with its data scope and the department that scope is anchored at. */
export function rolesOf(em: EntityManager, user: User) {
  return em.find(
    RoleAssignmentSchema,
    { user },
    { populate: ['role', 'department'], orderBy: { id: 'asc' } },
  );
}
