import { fileURLToPath } from 'node:url';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities/index.js';
import { migrationsList } from './migrations/index.js';

/** Where migration files live in the source tree (the create script writes here). */
export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

// One configuration for PGlite and PostgreSQL: only the URL differs. Migrations come from a static
// list because the migrator's own `import()` of .ts files fails under vitest and in built output.
export function ormConfig(clientUrl: string, extra: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Twenty people at once (issue 13): a request holds a connection only while its statements or
    // its transaction run, never while it waits on a platform (those calls are jobs, after the
    // commit), so one connection per concurrent request is the most a burst of them can use. On
    // the embedded PGlite every connection shares its one session; its socket serves 40 in all
    // (this pool, the workers' thread's pool of 10, pg-boss's 4 there and 2 here, the start-up
    // lock's one).
    pool: { min: 0, max: 20 },
    forceUtcTimezone: true,
    migrations: {
      migrationsList,
      path: migrationsPath,
      glob: 'Migration*.ts',
      emit: 'ts',
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    ...extra,
  });
}
