export interface RateWindow {
  limit: number;
  ms: number;
}

/**
 * Sliding-window counters per key (a member, a robot, an API). With `penalty`, going over a
 * window's limit blocks the key for that window's length, as WeCom does ("per-minute limit →
 * blocked 60 s").
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #blockedUntil = new Map<string, number>();
  readonly #longest: number;

  constructor(
    private readonly now: () => number,
    private readonly windows: readonly RateWindow[],
    private readonly penalty: boolean,
  ) {
    this.#longest = Math.max(...windows.map((w) => w.ms));
  }

  /** Counts one call for `key`; false when the call is over a limit and must not go through. */
  take(key: string): boolean {
    const now = this.now();
    if ((this.#blockedUntil.get(key) ?? 0) > now) return false;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - this.#longest);
    this.#hits.set(key, hits);
    for (const w of this.windows) {
      if (hits.filter((t) => t > now - w.ms).length >= w.limit) {
        if (this.penalty) this.#blockedUntil.set(key, now + w.ms);
        return false;
      }
    }
    hits.push(now);
    return true;
  }
}
