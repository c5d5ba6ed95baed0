// One cached secret value (access token or JS-SDK ticket) kept in the shared TokenStore, with a
// per-process copy so that a call costs no store round trip while the value is comfortably valid.
import type { CachedToken, TokenStore } from './token-store.js';

export class CachedCredential {
  #local: CachedToken | undefined;

  constructor(
    private readonly store: TokenStore,
    private readonly key: string,
    private readonly fetch: () => Promise<CachedToken>,
    /** Refresh this long before expiry, so no call starts with a value about to lapse. */
    private readonly marginMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.#local && this.#local.expiresAt.getTime() - this.now() >= this.marginMs)
      return this.#local.value;
    // The value seen last, about to lapse, goes in as stale: a store that still holds it must fetch a
    // new one instead of handing back the same value until its very last second.
    this.#local =
      (await this.store.read(this.key, this.marginMs)) ??
      (await this.store.refresh(this.key, this.#local?.value, this.fetch));
    return this.#local.value;
  }

  /**
   * WeCom refused `stale`: get a new value. When another caller or instance already replaced it,
   * the store hands back that replacement instead of fetching again.
   */
  async renew(stale: string): Promise<string> {
    this.#local = await this.store.refresh(this.key, stale, this.fetch);
    return this.#local.value;
  }
}
