import { randomAlnum } from './ids.js';

export type Redeemed<T> = { ok: true; value: T } | { ok: false; reason: 'unknown' | 'expired' | 'used' };

interface Entry<T> {
  value: T;
  expiresAt: number;
  used: boolean;
}

/**
 * Single-use codes with a lifetime: OAuth and mini-program login codes (5 min), WeCom card
 * response codes (72 h), Stream tickets (90 s). A spent or expired code is remembered so the
 * answer says why it no longer works.
 */
export class OneTimeCodes<T> {
  readonly #codes = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => number,
    private readonly length: number,
  ) {}

  issue(value: T, ttlMs: number): string {
    const code = randomAlnum(this.length);
    this.#codes.set(code, { value, expiresAt: this.now() + ttlMs, used: false });
    return code;
  }

  /** What `redeem` would answer, without spending the code. */
  peek(code: string): Redeemed<T> {
    const entry = this.#codes.get(code);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (entry.used) return { ok: false, reason: 'used' };
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, value: entry.value };
  }

  redeem(code: string): Redeemed<T> {
    const result = this.peek(code);
    if (result.ok) (this.#codes.get(code) as Entry<T>).used = true;
    return result;
  }
}
