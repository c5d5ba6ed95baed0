import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import type { BootOptions } from '../../src/boot.js';
import { settleJobs } from './jobs.js';
import { type RunningServer, startTestServer } from './server.js';

export interface ServerFixture {
  /** The real server in sandbox mode, booted on an emptied test database. */
  server: RunningServer;
  /** A direct connection to the same database, to check what the server wrote. */
  db: pg.Pool;
}

/** One server and one database connection for the whole test file, stopped after it. */
export function useTestServer(env: Record<string, string> = {}, options: BootOptions = {}): ServerFixture {
  const fixture = {} as ServerFixture;
  beforeAll(async () => {
    await resetDatabase(testDbUrl());
    fixture.server = await startTestServer(env, options);
    fixture.db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
    await settleJobs(fixture.db);
  });
  afterAll(async () => {
    await fixture.server?.stop();
    await fixture.db?.end();
  });
  return fixture;
}
