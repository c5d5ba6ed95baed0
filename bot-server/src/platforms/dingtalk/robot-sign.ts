// The HmacSHA256 signature DingTalk robots use in both directions: on robot messages it posts to
// us (headers `timestamp` and `sign`) and on custom group robot webhooks we post to (query
// `timestamp` and `sign`). Both sign `timestamp + "\n" + secret` with the secret as key.
import { createHmac } from 'node:crypto';
import { safeEqual } from './crypto.js';
import { ForgedRequestError, MalformedRequestError } from './errors.js';
import { assertFresh, ONE_HOUR_MS } from './freshness.js';

export function robotSignature(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

type HeaderValue = string | string[] | undefined;

export function headerValue(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim();
}

/**
 * Verifies an HTTP robot message. The signature covers only the timestamp and the app secret, not
 * the body, so the one-hour window is the only replay bound DingTalk gives us.
 */
export function verifyRobotRequest(
  headers: Record<string, HeaderValue>,
  appSecret: string,
  now: number = Date.now(),
  windowMs: number = ONE_HOUR_MS,
): void {
  // Trimmed once and used for both checks, so the window and the HMAC see the same value.
  const timestamp = headerValue(headers, 'timestamp');
  const sign = headerValue(headers, 'sign');
  if (!timestamp || !sign) throw new MalformedRequestError('missing timestamp or sign header');
  assertFresh(timestamp, now, windowMs);
  if (!safeEqual(robotSignature(appSecret, timestamp), sign)) {
    throw new ForgedRequestError('bad_signature', 'robot sign mismatch');
  }
}

/**
 * The URL to post to a custom group robot secured with "加签". The sign is URL-encoded exactly
 * once: encoding it twice is the classic cause of `310000 sign not match`.
 */
export function signCustomRobotWebhook(webhookUrl: string, secret: string, now: number = Date.now()): string {
  const url = new URL(webhookUrl);
  const timestamp = String(now);
  // URLSearchParams encodes '+', '/' and '=' of the base64 once, which is what DingTalk decodes.
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', robotSignature(secret, timestamp));
  return url.toString();
}
