// An in-memory TokenStore with the contract's single-flight semantics, shared by several clients in
// a test the way the database store is shared by several instances.
import type { CachedToken, TokenStore } from '../../../src/platforms/wecom/token-store.js';

export class MemoryTokenStore implements TokenStore {
  readonly tokens = new Map<string, CachedToken>();
  readonly #running = new Map<string, Promise<CachedToken>>();

  constructor(private readonly now: () => number = Date.now) {}

  async read(key: string, minValidityMs: number): Promise<CachedToken | undefined> {
    const token = this.tokens.get(key);
    return token && token.expiresAt.getTime() - this.now() >= minValidityMs ? token : undefined;
  }

  refresh(key: string, stale: string | undefined, fetch: () => Promise<CachedToken>): Promise<CachedToken> {
    const running = this.#running.get(key);
    if (running) return running;
    // Like the database store: a live stored token other than the one the caller saw is handed back.
    const stored = this.tokens.get(key);
    if (stored && stored.value !== stale && stored.expiresAt.getTime() > this.now())
      return Promise.resolve(stored);
    const fetching = fetch()
      .then((token) => {
        this.tokens.set(key, token);
        return token;
      })
      .finally(() => this.#running.delete(key));
    this.#running.set(key, fetching);
    return fetching;
  }
}
