import Taro from '@tarojs/taro';

// The signed-in session, kept in the platform's storage (localStorage on h5) so that reopening the
// app does not ask the platform for a new login code every time.

export interface Department {
  id: number;
  name: string;
}

export interface SessionUser {
  id: number;
  name: string;
  title: string | null;
  department: Department | null;
}

export interface Session {
  token: string;
  /** ISO time; the server refuses the token after it. */
  expiresAt: string;
  user: SessionUser;
}

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
