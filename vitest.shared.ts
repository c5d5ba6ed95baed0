import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "@kelian/source" condition,
// so tests run the code as written, with no build step in between.
/**
 * How many test files run at once: three by default; `TEST_WORKERS` sets it (CI runs the PostgreSQL
 * leg with 1, see .ci/run).
 */
const TEST_WORKERS = Number(process.env.TEST_WORKERS ?? 3);

export function kelianProject(name: string, extra: { globalSetup?: string[]; setupFiles?: string[] } = {}) {
  return defineProject({
    resolve: { conditions: ['@kelian/source', ...defaultServerConditions] },
    ssr: { resolve: { conditions: ['@kelian/source', ...defaultServerConditions] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      environment: 'node',
      // Files run side by side, each worker on a database of its own (orm/testing/global-setup.ts).
      // Most of a file's time is waiting (a server starting, a sandbox's rate window, a browser), so
      // more workers than the machine's two cores keep it busy.
      maxWorkers: TEST_WORKERS,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...extra,
    },
  });
}
