import { setTimeout as sleep } from 'node:timers/promises';
import type { MikroORM, QueryResult } from '@mikro-orm/postgresql';

export interface CachedToken {
  value: string;
  expiresAt: Date;
}

export interface TokenStore {
  /** The cached token if it stays valid for at least `minValidityMs`. */
  read(key: string, minValidityMs: number): Promise<CachedToken | undefined>;
  /** Refresh single-flight across instances: exactly one caller runs `fetch` while the others wait and
   *  receive its result; a caller passing the `stale` value it saw fails over to a new fetch only if the
   *  stored token is still that stale value. */
  refresh(key: string, stale: string | undefined, fetch: () => Promise<CachedToken>): Promise<CachedToken>;
}

interface Row {
  value: string;
  expires_at: Date;
}

/**
 * Tokens in the platform_token table. Within one process concurrent refreshes share one promise;
 * across processes a lease column elects the refresher. No transaction is held while the platform
 * is called: on the embedded database an open transaction would stall every other query meanwhile.
 */
export class DatabaseTokenStore implements TokenStore {
  readonly #inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly leaseMs = 15_000,
  ) {}

  async read(key: string, minValidityMs: number): Promise<CachedToken | undefined> {
    const [row] = await this.#sql<Row>(
      `select value, expires_at from platform_token
        where key = ? and value <> '' and expires_at > now() + (? * interval '1 millisecond')`,
      [key, minValidityMs],
    );
    return row ? { value: row.value, expiresAt: new Date(row.expires_at) } : undefined;
  }

  refresh(key: string, stale: string | undefined, fetch: () => Promise<CachedToken>): Promise<CachedToken> {
    const running = this.#inFlight.get(key);
    if (running) return running;
    const refresh = this.#refresh(key, stale, fetch).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, refresh);
    return refresh;
  }

  async #refresh(
    key: string,
    stale: string | undefined,
    fetch: () => Promise<CachedToken>,
  ): Promise<CachedToken> {
    await this.#sql(
      `insert into platform_token (key, value, expires_at, updated_at) values (?, '', now(), now())
       on conflict (key) do nothing`,
      [key],
    );
    const deadline = Date.now() + this.leaseMs + 5_000;
    for (;;) {
      // Someone else already stored a newer token: use it instead of calling the platform again.
      const current = await this.read(key, 1_000);
      if (current && current.value !== stale) return current;
      const claimed = await this.orm.em.getConnection().execute<QueryResult>(
        `update platform_token set refreshing_until = now() + (? * interval '1 millisecond')
          where key = ? and (refreshing_until is null or refreshing_until < now())`,
        [this.leaseMs, key],
        'run',
      );
      if (claimed.affectedRows === 1) return this.#fetchAndStore(key, fetch);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for another instance to refresh ${key}`);
      await sleep(100);
    }
  }

  async #fetchAndStore(key: string, fetch: () => Promise<CachedToken>): Promise<CachedToken> {
    try {
      const token = await fetch();
      await this.#sql(
        `update platform_token set value = ?, expires_at = ?, refreshing_until = null, updated_at = now() where key = ?`,
        [token.value, token.expiresAt, key],
      );
      return token;
    } catch (error) {
      await this.#sql('update platform_token set refreshing_until = null where key = ?', [key]);
      throw error;
    }
  }

  #sql<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.orm.em.getConnection().execute(sql, params) as Promise<T[]>;
  }
}
