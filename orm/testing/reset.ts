import pg from 'pg';

// Empties every application table between tests, keeping the migration history and pg-boss's schema.
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
  } finally {
    await client.end();
  }
}
