import type { Role, RoleAssignment, User } from '@kelian/orm';

// The JSON of roles and of the people who hold them.

export const roleJson = (role: Role, holders: number) => ({
  id: role.id,
  code: role.code,
  name: role.name,
  builtIn: role.builtIn,
  defaultScope: role.defaultScope,
  rights: role.rights,
  fieldRules: role.fieldRules,
  holders,
});

export const personJson = (user: User, roles: readonly RoleAssignment[]) => ({
  id: user.id,
  name: user.name,
  title: user.title ?? null,
  mobile: user.mobile ?? null,
  active: user.active,
  department: user.department ? { id: user.department.id, name: user.department.name } : null,
  identities: { wecom: user.wecomUserId ?? null, dingtalk: user.dingtalkUserId ?? null },
  mergedIntoId: user.mergedIntoId ?? null,
  roles: roles.map((a) => ({
    role: { id: a.role.id, code: a.role.code, name: a.role.name },
    scope: a.scope,
    department: a.department ? { id: a.department.id, name: a.department.name } : null,
  })),
});
