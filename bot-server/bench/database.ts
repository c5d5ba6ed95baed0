import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from '@kelian/orm';
import pg from 'pg';

export interface BenchDatabase {
  kind: 'postgres' | 'pglite';
  url: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database: a new database on the PostgreSQL server at BENCH_DATABASE_URL, or an embedded
 * PGlite in a temporary folder (on disk: a million customers do not fit the WASM heap comfortably).
 */
export async function openBenchDatabase(serverUrl: string | undefined): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'kelian-bench-'));
    const db = await startEmbeddedDatabase(dir);
    return {
      kind: 'pglite',
      url: db.url,
      async drop() {
        await db.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `kelian_bench_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () => admin(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
