import type { Department, RoleAssignment, User } from '@kelian/orm';
import type { SignedIn } from '../domain/auth/sign-in.js';
import { administers } from '../domain/roles/administrators.js';

// How users and sessions look to the mini-app. Relations shown here must have been populated.

const department = (d: Department | null | undefined) => (d ? { id: d.id, name: d.name } : null);

export function presentUser(user: User) {
  return { id: user.id, name: user.name, title: user.title, department: department(user.department) };
}

export function presentSignIn({ token, expiresAt, user }: SignedIn) {
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
}

/**
 * The user with what they may do: each role, its data scope, and where that scope is anchored; and
 * whether any of them administers Kelian (the built-in admin role or a custom one with that right),
 * for the mini-app to offer the admin console.
 */
export function presentProfile(user: User, roles: RoleAssignment[]) {
  return {
    ...presentUser(user),
    administers: roles.some((a) => administers(a.role)),
    roles: roles.map((a) => ({
      code: a.role.code,
      name: a.role.name,
      scope: a.scope,
      scopeDepartment: department(a.department),
    })),
  };
}
