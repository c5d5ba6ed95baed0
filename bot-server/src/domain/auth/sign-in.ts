import { type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PlatformName } from '../org/platform-name.js';
import { findUserByPlatformId } from '../org/users.js';
import { createSession, type IssuedSession } from './sessions.js';

// Who may sign in: an active Kelian user, found by the identity a platform vouched for, or, where
// the caller allows it (the sandbox's user picker), simply by id.

export interface SignedIn extends IssuedSession {
  user: User;
}

/** A session for the active user behind a platform user id; null when Kelian has no such user. */
export async function signInWithPlatform(
  em: EntityManager,
  platform: PlatformName,
  platformUserId: string,
): Promise<SignedIn | null> {
  const user = await findUserByPlatformId(em, platform, platformUserId);
  return user && { user, ...(await createSession(em, user, platform)) };
}

/** A session for the active user `userId` without any proof: only for the sandbox's user picker. */
export async function signInWithoutProof(em: EntityManager, userId: number): Promise<SignedIn | null> {
  const user = await em.findOne(UserSchema, { id: userId, active: true }, { populate: ['department'] });
  return user && { user, ...(await createSession(em, user, 'sandbox')) };
}

/** Everyone who can sign in, by department then id: the sandbox's picker lists them. */
export function activeUsers(em: EntityManager): Promise<User[]> {
  return em.find(
    UserSchema,
    { active: true },
    { populate: ['department'], orderBy: { department: { sortOrder: 'asc', id: 'asc' }, id: 'asc' } },
  );
}
