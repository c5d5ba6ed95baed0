// Card callbacks over HTTP (registered with /v1.0/card/callbacks/register) carry
// `x-ddpaas-signature-timestamp` and `x-ddpaas-signature = base64(HmacSHA256(apiSecret, timestamp))`.
import { createHmac } from 'node:crypto';
import { safeEqual } from './crypto.js';
import { ForgedRequestError, MalformedRequestError } from './errors.js';
import { assertFresh, ONE_HOUR_MS } from './freshness.js';
import { headerValue } from './robot-sign.js';

export function cardCallbackSignature(apiSecret: string, timestamp: string): string {
  return createHmac('sha256', apiSecret).update(timestamp, 'utf8').digest('base64');
}

/** Verifies an HTTP card callback and returns its signed time in milliseconds. */
export function verifyCardCallbackRequest(
  headers: Record<string, string | string[] | undefined>,
  apiSecret: string,
  now: number = Date.now(),
  windowMs: number = ONE_HOUR_MS,
): number {
  const timestamp = headerValue(headers, 'x-ddpaas-signature-timestamp');
  const sign = headerValue(headers, 'x-ddpaas-signature');
  if (!timestamp || !sign) throw new MalformedRequestError('missing x-ddpaas-signature headers');
  const at = assertFresh(timestamp, now, windowMs);
  if (!safeEqual(cardCallbackSignature(apiSecret, timestamp), sign)) {
    throw new ForgedRequestError('bad_signature', 'card callback signature mismatch');
  }
  return at;
}
