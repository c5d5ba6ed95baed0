import { type Role, RoleAssignmentSchema, RoleSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';

// Who administers Kelian: whoever holds a role granting `settings.administer`, the right the access
// policy reads (access.ts), whatever the role is called. Only active people count: someone who left
// cannot sign in to hand out roles.

/** Whether holders of the role administer Kelian. */
export const administers = (role: Pick<Role, 'rights'>): boolean =>
  (role.rights?.settings ?? []).includes('administer');

/** How many active people administer Kelian (0: nobody can give anyone a role). */
export async function administratorCount(em: EntityManager): Promise<number> {
  const roles = (await em.find(RoleSchema, {})).filter(administers).map((r) => r.id);
  if (roles.length === 0) return 0;
  const held = await em.find(
    RoleAssignmentSchema,
    { role: { $in: roles }, user: { active: true } },
    { fields: ['user'] },
  );
  return new Set(held.map((a) => a.user.id)).size;
}

/**
 * Refuses a change, made but not committed, that leaves nobody administering: the caller's
 * transaction is rolled back with it, so nothing changed.
 */
export async function requireAnAdministrator(em: EntityManager): Promise<void> {
  if ((await administratorCount(em)) === 0) throw new RefusedError('last-administrator');
}

/** What anyone who writes to the bot is told, /readyz says and the log says while nobody administers. */
export const noAdministratorText =
  '客联尚未设置管理员：请 IT 负责人在配置 ADMIN_USERS 中填写管理员的手机号或企业微信/钉钉账号后重启，或在服务器上运行 npm run admin -- grant <手机号|账号>。设置管理员后，由管理员为大家分配角色。';
