import pg from 'pg';

// The one advisory lock every Kelian instance takes around its start-up schema work: migrations
// (including `create extension if not exists pg_trgm`, which races between sessions too), the
// migrator's own bookkeeping table, and the seeding that follows (default pipeline, demo data).
// Two int4 keys live in a key space of their own, apart from single-bigint advisory locks such as
// pg-boss's. Advisory locks are scoped to the current database, so databases on one server do not
// wait for each other.
const lockKeys = [0x6b656c69 /* "keli" */, 0x616e5f31 /* "an_1": schema and seeding */] as const;

export interface StartupLockOptions {
  /** Called once when another instance holds the lock, before waiting for it. */
  onWait?: () => void;
}

/**
 * Runs `work` while holding a session-level `pg_advisory_lock` taken on one dedicated connection, so
 * instances starting at once on an empty or outdated PostgreSQL database migrate and seed one after
 * the other: the first does the work, the rest find it done. `work` uses its own connections (the
 * ORM's pool); the lock is held by this connection's session until it is unlocked or the connection
 * ends, so a crashed instance cannot leave it behind.
 *
 * Why a session lock on its own connection and not `pg_advisory_xact_lock`: the migrator runs each
 * migration run in a transaction of its own, and the seeding runs in further transactions, so no
 * one transaction spans all of it.
 *
 * On the embedded PGlite every connection is the same single session, where advisory locks always
 * succeed; there is only one process per data folder (the pid lock), so nothing races and the same
 * code simply runs.
 */
export async function withStartupLock<T>(
  url: string,
  work: () => Promise<T>,
  options: StartupLockOptions = {},
): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'kelian start-up lock' });
  // A dropped connection releases the lock; without a listener its 'error' event would end the process.
  let lost: Error | undefined;
  client.on('error', (err) => {
    lost = err;
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ got: boolean }>('select pg_try_advisory_lock($1, $2) as got', [
      ...lockKeys,
    ]);
    if (!rows[0]?.got) {
      options.onWait?.();
      await client.query('select pg_advisory_lock($1, $2)', [...lockKeys]);
    }
    const result = await work();
    // A lock connection that died during the work means another instance may have started the same
    // work meanwhile; say so rather than pretend the start-up was exclusive.
    if (lost) throw new Error(`The start-up lock's connection was lost: ${lost.message}`);
    await client.query('select pg_advisory_unlock($1, $2)', [...lockKeys]);
    return result;
  } finally {
    // Ending the session releases the lock in every case, the failed ones included.
    await client.end().catch(() => undefined);
  }
}
