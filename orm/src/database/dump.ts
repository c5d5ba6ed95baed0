import type { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';

/**
 * A plain-SQL dump of a PGlite database, made by pg_dump 18 compiled to WASM
 * (`@electric-sql/pglite-tools`) talking to `db` in this process. The system's pg_dump cannot do it:
 * PGlite is PostgreSQL 18 and an older pg_dump refuses a newer server.
 *
 * pg_dump changes the session it runs in (search_path '', a REPEATABLE READ transaction for the whole
 * dump, session settings), and PGlite is one session: never pass the live server's instance, pass a
 * `clone()` or an instance nobody else uses.
 *
 * The dump restores with `psql -v ON_ERROR_STOP=1 -f dump.sql` into an empty PostgreSQL 15 or newer
 * database (it has no owners and no grants, so any role that may create tables can restore it).
 */
export async function dumpSql(db: PGlite): Promise<string> {
  const file = await pgDump({ pg: db, args: ['--no-owner', '--no-privileges'] });
  // pg_dump 18 sets transaction_timeout (a PostgreSQL 17 setting, 0 = off, the default) at the top;
  // PostgreSQL 15 and 16 reject it, and its only purpose is to undo a non-default server setting.
  return (await file.text()).replace(
    /^SET transaction_timeout = 0;$/m,
    '-- SET transaction_timeout = 0; (left out: PostgreSQL 15 and 16 do not know it)',
  );
}
