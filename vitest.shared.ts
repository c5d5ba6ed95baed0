import { defaultServerConditions } from 'vite';
import { defineProject } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "@kelian/source" condition,
// so tests run the code as written, with no build step in between.
export function kelianProject(name: string, extra: { globalSetup?: string[]; setupFiles?: string[] } = {}) {
  return defineProject({
    resolve: { conditions: ['@kelian/source', ...defaultServerConditions] },
    ssr: { resolve: { conditions: ['@kelian/source', ...defaultServerConditions] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      environment: 'node',
      fileParallelism: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...extra,
    },
  });
}
