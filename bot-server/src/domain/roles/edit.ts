import { type Role, RoleAssignmentSchema, RoleSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { requireAnAdministrator } from './administrators.js';
import { checkRules, type RoleRules } from './definition.js';

// Creating, editing and deleting roles: administrators only, every change in the audit log
// (object `role`). Editing a role changes what its holders may do at their next request; the data
// scope edited here is the one new assignments get, each holder keeping the scope they were given.

export interface RoleInput extends RoleRules {
  name: string;
  /** Stable code for programs; made from the id when not given. */
  code?: string | undefined;
}

export const roleSnapshot = (r: Role) => ({
  code: r.code,
  name: r.name,
  defaultScope: r.defaultScope,
  rights: r.rights,
  fieldRules: r.fieldRules,
});

export async function createRole(em: EntityManager, acting: Acting, input: RoleInput): Promise<Role> {
  requireAdministration(acting, 'roles');
  const rules = checkRules(input);
  return em.transactional(async (tx) => {
    await refuseTaken(tx, { name: input.name, code: input.code });
    const role = tx.create(RoleSchema, {
      code: input.code ?? `custom-${crypto.randomUUID().slice(0, 8)}`,
      name: input.name,
      builtIn: false,
      ...rules,
    });
    await auditCreated(tx, acting, 'role', role, roleSnapshot);
    return role;
  });
}

export async function updateRole(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: Partial<Omit<RoleInput, 'code'>>,
): Promise<Role> {
  requireAdministration(acting, 'roles');
  return em.transactional(async (tx) => {
    const role = await roleById(tx, id);
    const before = roleSnapshot(role);
    const rules = checkRules({
      defaultScope: patch.defaultScope ?? role.defaultScope,
      rights: patch.rights ?? { ...role.rights },
      fieldRules: patch.fieldRules ?? role.fieldRules,
    });
    if (patch.name !== undefined && patch.name !== role.name) await refuseTaken(tx, { name: patch.name });
    Object.assign(role, rules, patch.name === undefined ? {} : { name: patch.name });
    await tx.flush();
    // Taking `settings.administer` from the role of the last administrators would lock everyone out.
    await requireAnAdministrator(tx);
    const changes = changesBetween(before, roleSnapshot(role));
    if (Object.keys(changes).length > 0)
      audit(tx, acting, { action: 'update', objectType: 'role', objectId: id, changes });
    return role;
  });
}

export async function deleteRole(em: EntityManager, acting: Acting, id: number): Promise<void> {
  requireAdministration(acting, 'roles');
  await em.transactional(async (tx) => {
    const role = await roleById(tx, id);
    if (role.builtIn) throw new RefusedError('role-built-in', { name: role.name });
    const holders = await tx.count(RoleAssignmentSchema, { role });
    if (holders > 0) throw new RefusedError('role-in-use', { name: role.name, holders });
    audit(tx, acting, {
      action: 'delete',
      objectType: 'role',
      objectId: id,
      changes: changesBetween(roleSnapshot(role), {}),
    });
    tx.remove(role);
  });
}

export async function roleById(em: EntityManager, id: number): Promise<Role> {
  const role = await em.findOne(RoleSchema, id);
  if (!role) throw new NotVisibleError('role');
  return role;
}

async function refuseTaken(em: EntityManager, { name, code }: { name?: string; code?: string | undefined }) {
  if (name !== undefined && (await em.count(RoleSchema, { name })) > 0)
    throw new RefusedError('role-name-taken', { name });
  if (code !== undefined && (await em.count(RoleSchema, { code })) > 0)
    throw new RefusedError('role-code-taken', { code });
}
