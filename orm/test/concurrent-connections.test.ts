import { startEmbeddedDatabase } from '@kelian/orm';
import pg from 'pg';
import { expect, test } from 'vitest';

// Several connections sending parameterised queries and transactions at once, as pg-boss, the
// ORM's pool and the token cache do. Each must get the rows of its own statement: without
// keepBatchesTogether (electric-sql/pglite#1046) this fails on every run with "unnamed prepared
// statement does not exist" or a bind error.
test('parameterised queries on concurrent connections to the embedded database each get their own rows', async () => {
  const db = await startEmbeddedDatabase(undefined);
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  try {
    // Statement shapes with different parameter counts, and plain queries (the ORM's kind), which
    // reset the session's unnamed statement: any interleaving fails loudly.
    const shapes = [
      (i: number) => pool.query('select $1::int + 1000 as v', [i]),
      (i: number) => pool.query(`select $1::text || '-' || $2::text as v`, ['run', String(i)]),
      (i: number) => pool.query(`select ${i} + 1000 as v`),
      async (i: number) => {
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query('select $1::int as ignored', [i]);
          const result = await client.query(`select $1::text || '-' || $2::text as v`, ['run', String(i)]);
          await client.query('commit');
          return result;
        } finally {
          client.release();
        }
      },
    ];
    const expected = [
      (i: number) => i + 1000,
      (i: number) => `run-${i}`,
      (i: number) => i + 1000,
      (i: number) => `run-${i}`,
    ];
    const rows = await Promise.allSettled(
      Array.from({ length: 400 }, (_, i) => shapes[i % 4]!(i).then((r) => r.rows[0])),
    );
    rows.forEach((row, i) => {
      expect(row).toEqual({ status: 'fulfilled', value: { v: expected[i % 4]!(i) } });
    });
  } finally {
    await pool.end();
    await db.stop();
  }
});
