import { inject } from 'vitest';
// Brings the typing of what the test database setup provides.
import type {} from './global-setup.js';

/**
 * This worker's own migrated test database. Workers run test files side by side; each has a database
 * of its own (VITEST_POOL_ID is 1 to maxWorkers), so one file's reset never empties another's tables.
 */
export function testDbUrl(): string {
  const urls = inject('dbUrls');
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  const url = urls[(worker - 1) % urls.length];
  if (!url) throw new Error(`no test database for worker ${worker}`);
  return url;
}
