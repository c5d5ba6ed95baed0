import Taro from '@tarojs/taro';
import type { Answer } from './contract';

// The signed-in session, kept in the platform's storage (localStorage on h5) so that reopening the
// app does not ask the platform for a new login code every time.

/** What a sign-in answers: the token (refused by the server after `expiresAt`) and who it is. */
export type Session = Answer<'/api/auth/wecom', 'post'>;
export type SessionUser = Session['user'];
export type Department = NonNullable<SessionUser['department']>;

const KEY = 'kelian.session';

export function loadSession(now = Date.now()): Session | null {
  let stored: unknown;
  try {
    stored = Taro.getStorageSync(KEY);
  } catch {
    return null;
  }
  if (!isSession(stored)) return null;
  if (!(Date.parse(stored.expiresAt) > now)) {
    clearSession();
    return null;
  }
  return stored;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(KEY, session);
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // Nothing stored, or storage unavailable: either way there is no session left.
  }
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Session>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'string' && typeof v.user?.name === 'string';
}
