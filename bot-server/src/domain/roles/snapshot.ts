import type { RoleAssignment } from '@kelian/orm';

/** A user's roles as the audit log records them, before and after a change: code, scope, anchor. */
export const rolesSnapshot = (assignments: readonly RoleAssignment[]) =>
  assignments
    .map((a) => ({ role: a.role.code, scope: a.scope, departmentId: a.department?.id ?? null }))
    .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
