import pg from 'pg';

// Empties every application table between tests, keeping the migration history, and drops the
// jobs a previous test's server left queued, so none of them runs in the next test's server.
export async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select quote_ident(tablename) as name from pg_tables
        where schemaname = 'public' and tablename <> 'mikro_orm_migrations'`,
    );
    if (rows.length > 0) {
      await client.query(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
    }
    const { rows: boss } = await client.query(`select to_regclass('pgboss.job') is not null as present`);
    if (boss[0]?.present) await client.query('truncate pgboss.job');
  } finally {
    await client.end();
  }
}
