import { createHash, randomBytes } from 'node:crypto';
import { SessionSchema, type User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

// Bearer sessions of the mini-app and the REST API. The token is shown to the client once; the
// database keeps only its SHA-256, so a leaked table holds no usable session.

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lives a week past its last renewal, so someone using the app daily never signs in again… */
const SESSION_TTL_MS = 7 * DAY_MS;
/**
 * …but never longer than this after sign-in, which bounds what a stolen token is worth. Signing
 * in again costs nothing inside WeCom and DingTalk: the login code is fetched without a question.
 */
const SESSION_MAX_AGE_MS = 30 * DAY_MS;
/** lastSeenAt is for people ("last active"), so a write per request would buy nothing. */
const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

/** How the user proved who they are. */
export type SessionVia = 'wecom' | 'dingtalk' | 'sandbox';

export interface IssuedSession {
  /** The bearer token: returned to the client once, never stored. */
  token: string;
  expiresAt: Date;
}

// 32 random bytes in base64url: 43 characters. Anything else cannot be a token of ours.
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(em: EntityManager, user: User, via: SessionVia): Promise<IssuedSession> {
  const now = new Date();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  em.create(SessionSchema, {
    tokenHash: hashOf(token),
    user,
    via,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  });
  await em.flush();
  return { token, expiresAt };
}

/**
 * The user of a bearer token's session, or null when the token is unknown, expired or its user is
 * no longer active. Using a session renews it once it is past half its life (within the maximum age).
 */
export async function resolveSession(em: EntityManager, token: string): Promise<User | null> {
  if (!tokenShape.test(token)) return null;
  const session = await em.findOne(
    SessionSchema,
    { tokenHash: hashOf(token) },
    { populate: ['user', 'user.department'] },
  );
  const now = new Date();
  if (!session || session.expiresAt <= now || !session.user.active) return null;

  const renewed = Math.min(now.getTime() + SESSION_TTL_MS, session.createdAt.getTime() + SESSION_MAX_AGE_MS);
  const renew = renewed - session.expiresAt.getTime() >= SESSION_TTL_MS / 2;
  if (renew) session.expiresAt = new Date(renewed);
  if (renew || now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS) {
    session.lastSeenAt = now;
    await em.flush();
  }
  return session.user;
}

/** Ends the session of `token`; an unknown or already ended one is not an error. */
export async function revokeSession(em: EntityManager, token: string): Promise<void> {
  if (tokenShape.test(token)) await em.nativeDelete(SessionSchema, { tokenHash: hashOf(token) });
}

/** Forgets sessions that expired more than a day ago; returns how many. */
export function deleteExpiredSessions(em: EntityManager): Promise<number> {
  return em.nativeDelete(SessionSchema, { expiresAt: { $lt: new Date(Date.now() - 86_400_000) } });
}
