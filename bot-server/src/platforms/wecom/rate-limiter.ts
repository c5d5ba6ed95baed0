// WeCom's frequency limits, which WeCom enforces by silently dropping the excess (reference §4.2,
// §5.2). App messages (members, app groups) are admitted by the delivery's rate gate, shared by every
// instance in the database. Group robot webhooks are called directly, so the in-process limiter below
// guards them: it waits when a slot frees within `maxWaitMs`, otherwise it throws WeComRateLimitError
// with `retryAfterMs`. A send to several keys is admitted whole or not at all.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateWindow } from '../common.js';
import { WeComRateLimitError } from './errors.js';

/** Per app to the same member: ≤30 per minute and ≤1000 per hour (reference §4.2). */
export const MEMBER_WINDOWS: readonly RateWindow[] = [
  { limit: 30, windowMs: 60_000 },
  { limit: 1000, windowMs: 3_600_000 },
];
/** A member receives ≤200 per minute and 10 000 per day from an app's group chats: held per chat. */
export const APPCHAT_WINDOWS: readonly RateWindow[] = [
  { limit: 200, windowMs: 60_000 },
  { limit: 10_000, windowMs: 86_400_000 },
];
/** A group robot takes ≤20 messages per minute (reference §5.2). */
export const WEBHOOK_WINDOWS: readonly RateWindow[] = [{ limit: 20, windowMs: 60_000 }];

export class SlidingWindowLimiter {
  /** Send times per key, oldest first, pruned to the longest window. */
  readonly #sent = new Map<string, number[]>();
  readonly #horizonMs: number;

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly now: () => number = Date.now,
  ) {
    this.#horizonMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** Milliseconds until every key may take one more send; 0 when all may now. */
  waitMs(keys: readonly string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const times = this.#prune(key, now);
      for (const { limit, windowMs } of this.windows) {
        const inWindow = times.length - firstAfter(times, now - windowMs);
        // A full window admits one more once the oldest of its last `limit` sends has left it.
        const oldest = times[times.length - limit];
        if (inWindow >= limit && oldest !== undefined) wait = Math.max(wait, oldest + windowMs - now);
      }
    }
    return wait;
  }

  /**
   * Admits one send to all of `keys`, waiting up to `maxWaitMs` for room; throws WeComRateLimitError
   * when there is none by then. Admission and recording happen in the same tick, so concurrent
   * callers cannot both take the last slot.
   */
  async acquire(keys: readonly string[], maxWaitMs: number): Promise<void> {
    const deadline = this.now() + maxWaitMs;
    for (;;) {
      const wait = this.waitMs(keys);
      if (wait === 0) {
        const now = this.now();
        for (const key of new Set(keys)) {
          const times = this.#sent.get(key);
          if (times) times.push(now);
          else this.#sent.set(key, [now]);
        }
        return;
      }
      if (this.now() + wait > deadline) {
        throw new WeComRateLimitError(
          wait,
          keys.filter((key) => this.waitMs([key]) > 0),
        );
      }
      await sleep(wait);
    }
  }

  #prune(key: string, now: number): number[] {
    const times = this.#sent.get(key);
    if (!times) return [];
    times.splice(0, firstAfter(times, now - this.#horizonMs));
    if (times.length === 0) this.#sent.delete(key);
    return times;
  }
}

/** Index of the first time later than `bound` in ascending `times` (binary search). */
function firstAfter(times: readonly number[], bound: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] ?? 0) > bound) high = mid;
    else low = mid + 1;
  }
  return low;
}
