import { createHmac, timingSafeEqual } from 'node:crypto';
import { Problem } from '../../http/problem.js';

// Web forms sign each lead they post: `X-Kelian-Signature: sha256=<hex>` is the HMAC-SHA256, under
// the shared secret, of `<X-Kelian-Timestamp>.<raw body>`. The timestamp (Unix seconds) keeps a
// captured request from being replayed later; the body is checked byte for byte as it was sent.

/** How far a form's clock may be off ours, and how long a captured request stays usable. */
export const maxSkewSeconds = 300;

export function leadSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Refuses (401) a request whose signature or timestamp is wrong; says nothing about which. */
export function verifyLeadSignature(
  secret: string,
  headers: { timestamp: string; signature: string },
  rawBody: string,
  now = Date.now(),
): void {
  const refused = () =>
    new Problem(
      401,
      'invalid-signature',
      '签名无效或请求已过期',
      '请用约定的密钥对「时间戳.请求体」做 HMAC-SHA256 签名',
    );
  const seconds = Number(headers.timestamp);
  if (!/^\d{9,11}$/.test(headers.timestamp) || Math.abs(now / 1000 - seconds) > maxSkewSeconds)
    throw refused();
  const expected = Buffer.from(leadSignature(secret, headers.timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
}
