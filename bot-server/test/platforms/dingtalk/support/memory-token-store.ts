import type { CachedToken, TokenStore } from '../../../../src/platforms/dingtalk/token-store.js';

/** The TokenStore contract in memory: single-flight per key, stale-value failover. */
export class MemoryTokenStore implements TokenStore {
  readonly tokens = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Promise<CachedToken>>();

  async read(key: string, minValidityMs: number): Promise<CachedToken | undefined> {
    const token = this.tokens.get(key);
    return token && token.expiresAt.getTime() - Date.now() >= minValidityMs ? token : undefined;
  }

  refresh(key: string, stale: string | undefined, fetch: () => Promise<CachedToken>): Promise<CachedToken> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const stored = this.tokens.get(key);
    if (stale !== undefined && stored && stored.value !== stale && stored.expiresAt.getTime() > Date.now()) {
      return Promise.resolve(stored);
    }
    const run = fetch()
      .then((token) => {
        this.tokens.set(key, token);
        return token;
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, run);
    return run;
  }
}
