import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, startEmbeddedDatabase } from '@kelian/orm';
import pg from 'pg';
import { expect, test } from 'vitest';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

test('committed data survives a restart on the same data folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kelian-pglite-'));
  const first = await startEmbeddedDatabase(dir);
  await query(first.url, 'create table note (body text); insert into note values ($$你好$$)');
  await first.stop();
  const second = await startEmbeddedDatabase(dir);
  try {
    expect(await query(second.url, 'select body from note')).toEqual([{ body: '你好' }]);
  } finally {
    await second.stop();
  }
});

test('a data folder held by another live process is refused with a clear message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kelian-pglite-'));
  const other = spawn('sleep', ['30']);
  try {
    writeFileSync(`${join(dir, 'pglite')}.lock`, String(other.pid));
    const error = await startEmbeddedDatabase(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`pid ${other.pid}`);
  } finally {
    other.kill();
  }
});

test('a lock left by a process that died is taken over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kelian-pglite-'));
  const gone = spawn('true');
  await new Promise((r) => gone.on('exit', r));
  writeFileSync(`${join(dir, 'pglite')}.lock`, String(gone.pid));
  const db = await startEmbeddedDatabase(dir);
  try {
    expect(await query(db.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  } finally {
    await db.stop();
  }
});

test('trigram search works on Chinese names (pg_trgm is loaded)', async () => {
  const db = await startEmbeddedDatabase(undefined);
  try {
    await query(
      db.url,
      `create extension if not exists pg_trgm;
       create table c (name text); create index on c using gin (name gin_trgm_ops);
       insert into c values ('华为技术有限公司'), ('张三丰贸易'), ('北京字节跳动')`,
    );
    expect(await query(db.url, `select name from c where name like '%张三丰%'`)).toEqual([
      { name: '张三丰贸易' },
    ]);
  } finally {
    await db.stop();
  }
});

test('a slow query does not stop the server’s other work: the database runs in a thread of its own', async () => {
  const db = await startEmbeddedDatabase(undefined);
  try {
    // A query that keeps the engine busy for a second or so (real work, not a sleep).
    let answered = false;
    const slow = query<{ count: string }>(
      db.url,
      'select count(*) from generate_series(1, 3000000) a, lateral (select md5(a::text)) b',
    ).finally(() => {
      answered = true;
    });
    // Meanwhile the server's thread keeps ticking. Had the engine run in it, no timer could fire
    // while the query ran: only the few before it started would count.
    let ticks = 0;
    while (!answered) {
      await new Promise((tick) => setTimeout(tick, 10));
      ticks++;
    }
    expect(Number((await slow)[0]!.count)).toBe(3_000_000);
    expect(ticks).toBeGreaterThan(20);
  } finally {
    await db.stop();
  }
});
