import { type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

export type PlatformName = 'wecom' | 'dingtalk';

/** The active Kelian user behind a platform user id, with their department and roles. */
export async function findUserByPlatformId(
  em: EntityManager,
  platform: PlatformName,
  platformUserId: string,
): Promise<User | null> {
  const where = platform === 'wecom' ? { wecomUserId: platformUserId } : { dingtalkUserId: platformUserId };
  return em.findOne(UserSchema, { ...where, active: true }, { populate: ['department'] });
}
