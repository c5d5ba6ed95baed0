import { createHmac, timingSafeEqual } from 'node:crypto';

// A short-lived link to a quote's PDF that a rep forwards to the customer from the chat: whoever
// holds it may download that one quote until it expires (15 minutes), without signing in. The
// token is the quote id and the expiry, signed with the server's key (HMAC-SHA256): every
// instance checks it, nothing is stored.

export const downloadLinkLifetimeMs = 15 * 60 * 1000;

const signature = (key: string, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function downloadToken(key: string, quoteId: number, expiresAt: Date): string {
  const payload = `${quoteId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(key, payload)}`;
}

/** Whether the token grants this quote now: false when forged, for another quote, or expired. */
export function checkDownloadToken(key: string, token: string, quoteId: number, now: Date): boolean {
  const [id, expires, mac] = token.split('.');
  if (!id || !expires || !mac || Number(id) !== quoteId) return false;
  const expected = Buffer.from(signature(key, `${id}.${expires}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return Number(expires) * 1000 > now.getTime();
}
