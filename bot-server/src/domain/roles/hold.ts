import { type DataScope, type Department, type Role, RoleAssignmentSchema, type User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Auditor, audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { rolesOf } from '../auth/profile.js';
import { rolesSnapshot } from './snapshot.js';

// The one writer of role assignments: the API's assign and remove, the configured administrators and
// the default roles by department all change a person's roles here, and the audit log records the
// person's roles before and after, in the same transaction. Callers have asked the policy first.

export interface Holding {
  role: Role;
  scope: DataScope;
  /** Where a department scope is anchored; null: the person's own department, wherever they move. */
  department: Department | null;
}

/** Gives `user` the role (or changes its scope); false when they held it just so already. */
export async function holdRole(em: EntityManager, auditor: Auditor, user: User, holding: Holding) {
  return changeRoles(em, auditor, user, (held) => {
    const current = held.find((a) => a.role.id === holding.role.id);
    const department = holding.department?.id ?? null;
    if (current && current.scope === holding.scope && (current.department?.id ?? null) === department)
      return false;
    if (current) Object.assign(current, { scope: holding.scope, department: holding.department });
    else em.create(RoleAssignmentSchema, { user, ...holding });
    return true;
  });
}

/** Takes the role from `user`; false when they did not hold it. */
export async function dropRole(em: EntityManager, auditor: Auditor, user: User, role: Role) {
  return changeRoles(em, auditor, user, (held) => {
    const current = held.find((a) => a.role.id === role.id);
    if (current) em.remove(current);
    return current !== undefined;
  });
}

async function changeRoles(
  em: EntityManager,
  auditor: Auditor,
  user: User,
  change: (held: Awaited<ReturnType<typeof rolesOf>>) => boolean,
): Promise<boolean> {
  const held = await rolesOf(em, user);
  const before = rolesSnapshot(held);
  if (!change(held)) return false;
  await em.flush();
  const after = rolesSnapshot(await rolesOf(em, user));
  audit(em, auditor, {
    action: 'update',
    objectType: 'user',
    objectId: user.id,
    changes: changesBetween({ roles: before }, { roles: after }),
  });
  await em.flush();
  return true;
}
