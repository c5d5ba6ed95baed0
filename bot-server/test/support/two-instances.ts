// Two servers on one PostgreSQL, for the tests that race the same scheduled work on both and count
// that it happened once. Only a real server shows this: PGlite serialises everything anyway, so
// on PGlite nothing is started and the tests are meant to run only on PostgreSQL (`onPostgres`).
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { type RunningServer, startTestServer } from './server.js';

export const onPostgres = inject('dbKind') === 'postgres';

export interface TwoInstances {
  readonly a: RunningServer;
  readonly b: RunningServer;
  readonly db: pg.Pool;
  /** The `n` a `select count(*)::int as n …` answers. */
  count(sql: string, params?: unknown[]): Promise<number>;
}

/** Starts both servers on a fresh demo database before the file's tests; `prepare` runs after. */
export function useTwoInstances(prepare: (db: pg.Pool) => Promise<unknown> = async () => {}): TwoInstances {
  let a: RunningServer | undefined;
  let b: RunningServer | undefined;
  let db: pg.Pool | undefined;
  beforeAll(async () => {
    if (!onPostgres) return;
    await resetDatabase(testDbUrl());
    a = await startTestServer();
    b = await startTestServer();
    db = new pg.Pool({ connectionString: testDbUrl(), max: 4 });
    await prepare(db);
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.end();
  });
  return {
    get a() {
      return a!;
    },
    get b() {
      return b!;
    },
    get db() {
      return db!;
    },
    async count(sql, params = []) {
      return (await db!.query<{ n: number }>(sql, params)).rows[0]!.n;
    },
  };
}
