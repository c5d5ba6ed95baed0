import { randomAlnum } from './ids.js';

export type TokenCheck =
  | { ok: true; owner: string }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

interface Issued {
  owner: string;
  expiresAt: number;
}

/**
 * Access tokens (and JS-SDK tickets) of one platform. An expired token is remembered, so a call
 * with it is told "expired" (42001) rather than "invalid" (40014), as the platforms do.
 */
export class TokenBook {
  readonly #tokens = new Map<string, Issued>();
  readonly #live = new Map<string, string>();

  constructor(
    private readonly now: () => number,
    private readonly length: number,
  ) {}

  /**
   * The owner's live token, or a new one. With `extend` a live token's lifetime restarts (DingTalk:
   * "requesting again within the validity returns the same token and extends it"); without, it
   * keeps its remaining lifetime (WeCom's "有效期内重复获取返回相同结果").
   */
  issue(owner: string, ttlMs: number, extend: boolean): { token: string; expiresInSec: number } {
    const now = this.now();
    const current = this.#live.get(owner);
    const issued = current === undefined ? undefined : this.#tokens.get(current);
    if (current !== undefined && issued && issued.expiresAt > now) {
      if (extend) issued.expiresAt = now + ttlMs;
      return { token: current, expiresInSec: Math.round((issued.expiresAt - now) / 1000) };
    }
    const token = randomAlnum(this.length);
    this.#tokens.set(token, { owner, expiresAt: now + ttlMs });
    this.#live.set(owner, token);
    return { token, expiresInSec: Math.round(ttlMs / 1000) };
  }

  check(token: string | undefined): TokenCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' };
    const issued = this.#tokens.get(token);
    if (!issued) return { ok: false, reason: 'invalid' };
    if (issued.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, owner: issued.owner };
  }

  /** Every token issued so far stops working now (a failure switch). */
  expireAll(): void {
    const now = this.now();
    for (const issued of this.#tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
  }
}
