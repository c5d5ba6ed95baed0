import { RateCounterSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Middleware } from 'koa';
import { Problem } from '../../http/problem.js';
import type { ApiDeps } from '../deps.js';

// Sign-in attempts per client and minute. A login code is single-use and hard to guess, so this
// is not the lock on the door: it stops one client from hammering the platforms' code exchange
// and our session table. The counter lives in PostgreSQL, so every instance behind a load
// balancer counts against the same limit. The client is `ctx.ip`: the peer address, or the
// X-Forwarded-For address when a proxy is declared (TRUST_PROXY, Koa's `app.proxy`, see app.ts).

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new Problem(
    429,
    'too-many-attempts',
    `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`,
    '同一网络地址每分钟的登录次数有上限',
  );

/**
 * Counts one request for `key` in the current minute (the database's clock) and returns the count
 * so far and the seconds until the next minute starts.
 */
export async function countRequest(
  em: EntityManager,
  key: string,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const [row] = await em.getConnection().execute<{ count: number; retry_after: number }[]>(
    `insert into rate_counter (key, window_start, count) values (?, date_trunc('minute', now()), 1)
       on conflict (key, window_start) do update set count = rate_counter.count + 1
       returning count, ceil(extract(epoch from window_start + interval '1 minute' - now()))::int as retry_after`,
    [key],
  );
  return { count: row!.count, retryAfterSeconds: Math.max(1, row!.retry_after) };
}

/** Forgets the counts of minutes long past. */
export function pruneRateCounters(em: EntityManager, now = new Date()): Promise<number> {
  return em.nativeDelete(RateCounterSchema, { windowStart: { $lt: new Date(now.getTime() - 60 * 60_000) } });
}

/**
 * Refuses (429, with Retry-After) sign-in attempts under `prefix` past the configured number per
 * client and minute. Only attempts count: reading the login options or logging out does not.
 */
export function signInAttempts({ orm, config }: Pick<ApiDeps, 'orm' | 'config'>, prefix: string): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !ctx.path.startsWith(prefix) || ctx.path === `${prefix}logout`)
      return next();
    const { count, retryAfterSeconds } = await countRequest(orm.em.fork(), `sign-in:${ctx.ip}`);
    if (count > config.authAttemptsPerMinute) {
      ctx.set('Retry-After', String(retryAfterSeconds));
      throw tooManyAttempts(retryAfterSeconds);
    }
    await next();
  };
}
