import type { User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Access, accessFrom, type HeldRole } from '../access/access.js';
import type { Acting } from '../access/acting.js';
import { requireAdministration } from '../access/policy.js';
import { rolesOf } from '../auth/profile.js';
import { userById } from './assign.js';
import { checkRules, type RoleRules } from './definition.js';
import { roleById } from './edit.js';

// "What 张伟 sees": the access a person would have if a role's edited, unsaved rules were saved
// (and, for a role they do not hold yet, if they were given it). The caller reads customers with
// it through the same domain calls and presenter as every surface, so the preview is what the
// person will see, not an imitation of it. Nothing is written.

export interface PreviewInput {
  userId: number;
  /** The role being edited; none for a role being created. */
  roleId?: number | undefined;
  rules: RoleRules;
  /** The person's scope in that role; else the one they hold it with, else the role's default. */
  scope?: HeldRole['scope'] | undefined;
}

export async function previewAccess(
  em: EntityManager,
  acting: Acting,
  input: PreviewInput,
): Promise<{ user: User; access: Access }> {
  requireAdministration(acting, 'roles');
  const rules = checkRules(input.rules);
  const user = await userById(em, input.userId);
  const role = input.roleId === undefined ? undefined : await roleById(em, input.roleId);
  const held = await rolesOf(em, user);
  const current = role && held.find((a) => a.role.id === role.id);
  const edited: HeldRole = {
    // The code decides nothing but the admin role's "everything"; a new role is never that.
    role: { code: role?.code ?? '', rights: rules.rights, fieldRules: rules.fieldRules },
    scope: input.scope ?? current?.scope ?? rules.defaultScope,
    department: current?.department ?? null,
  };
  const others = held.filter((a) => a !== current);
  return { user, access: await accessFrom(em, user, [...others, edited]) };
}
