import { type DataScope, DepartmentSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { requireAnAdministrator } from './administrators.js';
import { roleById } from './edit.js';
import { dropRole, holdRole } from './hold.js';

// An administrator gives a person a role with its data scope, or takes it away. A removal that
// would leave nobody administering Kelian (the last administrator, oneself included) is refused.

export interface Assignment {
  /** The role's default scope when not given. */
  scope?: DataScope | undefined;
  /** Where a department scope is anchored; the person's own department, wherever they move, when not given. */
  departmentId?: number | undefined;
}

export async function assignRole(
  em: EntityManager,
  acting: Acting,
  userId: number,
  roleId: number,
  assignment: Assignment,
): Promise<User> {
  requireAdministration(acting, 'roles');
  return em.transactional(async (tx) => {
    const user = await userById(tx, userId);
    const role = await roleById(tx, roleId);
    const department =
      assignment.departmentId === undefined
        ? null
        : await tx.findOne(DepartmentSchema, assignment.departmentId);
    if (assignment.departmentId !== undefined && !department)
      throw new RefusedError('scope-department-unknown');
    await holdRole(tx, acting, user, { role, scope: assignment.scope ?? role.defaultScope, department });
    return user;
  });
}

export async function removeRole(
  em: EntityManager,
  acting: Acting,
  userId: number,
  roleId: number,
): Promise<User> {
  requireAdministration(acting, 'roles');
  return em.transactional(async (tx) => {
    const user = await userById(tx, userId);
    await dropRole(tx, acting, user, await roleById(tx, roleId));
    await requireAnAdministrator(tx);
    return user;
  });
}

export async function userById(em: EntityManager, id: number): Promise<User> {
  const user = await em.findOne(UserSchema, id, { populate: ['department'] });
  if (!user) throw new NotVisibleError('user');
  return user;
}
