import { MalformedRequestError, StaleRequestError } from './errors.js';

/** DingTalk's own window for robot signatures; used for every signed timestamp it sends. */
export const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * Checks a signed timestamp against the clock and returns it in milliseconds.
 * DingTalk sends milliseconds; the Python crypto sample uses seconds, so ten digits or fewer are
 * read as seconds rather than refused as a date in 1970.
 */
export function assertFresh(timestamp: string, now: number, windowMs: number): number {
  if (!/^\d{1,16}$/.test(timestamp)) throw new MalformedRequestError('timestamp is not a number');
  const raw = Number(timestamp);
  const ms = timestamp.length <= 10 ? raw * 1000 : raw;
  if (Math.abs(now - ms) > windowMs) throw new StaleRequestError('timestamp outside the accepted window');
  return ms;
}
