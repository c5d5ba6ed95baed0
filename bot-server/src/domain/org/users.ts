import { type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userLink } from './links.js';
import type { PlatformName } from './platform-name.js';

/** The active Kelian user behind a platform user id, with their department and roles. */
export async function findUserByPlatformId(
  em: EntityManager,
  platform: PlatformName,
  platformUserId: string,
): Promise<User | null> {
  return em.findOne(
    UserSchema,
    { [userLink[platform]]: platformUserId, active: true },
    { populate: ['department'] },
  );
}
