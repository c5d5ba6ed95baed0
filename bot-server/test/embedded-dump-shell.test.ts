// The embedded database keeps its session to itself (issue 11, item 6): a dump and a shell of the
// running server come from clones, so pg_dump's settings and transaction, and whatever a psql user
// sets, never reach the server's session. A real server process on a data folder of its own.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchServer, query, repoRoot, type ServerProcess } from './support/server-process.js';

const hasPsql = spawnSync('psql', ['--version']).status === 0;
const dataDir = mkdtempSync(join(tmpdir(), 'kelian-dump-'));
let server: ServerProcess;
let base: string;
let token: string;

/** `npm run <script> -- args` exactly as package.json has it (node and tsx of this checkout). */
function npmRun(script: string, args: string[], stdin = '') {
  const scripts = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts;
  const [program, ...rest] = (scripts[script] as string).split(' ');
  expect(program).toBe('node');
  const child = spawn(process.execPath, [...rest, ...args], {
    cwd: repoRoot,
    env: { ...withoutDatabaseUrl(), DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('exit', (code) => done({ code, stdout, stderr })),
  );
}

function withoutDatabaseUrl() {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return env;
}

const api = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

/** Customer searches, one after the other, until `stop()`; answers every status seen. */
function keepAsking() {
  const statuses: number[] = [];
  let going = true;
  const loop = (async () => {
    while (going) {
      const res = await api(`/api/customers?q=${encodeURIComponent('有限公司')}`);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
  })();
  return {
    async stop() {
      going = false;
      await loop;
      return statuses;
    },
  };
}

beforeAll(async () => {
  server = launchServer({ DATA_DIR: dataDir, SANDBOX: 'true', LOG_LEVEL: 'debug' });
  base = await server.ready;
  const signIn = await fetch(`${base}/api/auth/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 1 }),
  });
  token = ((await signIn.json()) as { token: string }).token;
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database while the server runs', () => {
  test('the server no longer advertises its socket to psql', () => {
    expect(server.log.some((l) => l.includes('"psql"'))).toBe(false);
    // The admin door's token is readable only by the data folder's owner.
    expect(readFileSync(join(dataDir, 'admin.json'), 'utf8')).toContain('token');
  });

  test("the server's own socket admits only the server: a psql with the old password is refused", async () => {
    const line = server.log.find((l) => l.includes('"embedded database socket"'))!;
    const socket = new URL((JSON.parse(line) as { socket: string }).socket);
    expect(socket.password).toMatch(/^[0-9a-f]{48}$/);
    socket.password = 'postgres';
    const refused = await query(socket.toString(), 'select 1').catch((e: Error) => e.message);
    expect(refused).toContain('password authentication failed');
    expect((await api('/api/customers')).status).toBe(200);
  });

  test('npm run db:dump dumps live data as plain SQL; the server keeps answering 200', async () => {
    const created = await api('/api/customers', {
      method: 'POST',
      body: { kind: 'company', name: '备份演练有限公司' },
    });
    expect(created.status).toBe(201);
    const listed = (await (await api('/api/customers')).json()) as { items: { name: string }[] };

    const asking = keepAsking();
    const file = join(dataDir, 'backup.sql');
    const dump = await npmRun('db:dump', [file]);
    const statuses = await asking.stop();
    expect(dump.code, dump.stderr).toBe(0);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await api('/api/customers')).status).toBe(200);

    const sql = readFileSync(file, 'utf8');
    expect(sql).toContain('PostgreSQL database dump complete');
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    expect(sql).toContain('备份演练有限公司');
    for (const { name } of listed.items) expect(sql).toContain(name);
    const customerRows = sql.match(/^INSERT INTO public\.customer VALUES/gm)?.length ?? 0;
    expect(customerRows).toBeGreaterThanOrEqual(201);

    // Restored into a fresh PostgreSQL database with the system's psql (15 here; the dump leaves
    // out the one PostgreSQL 17 setting pg_dump 18 writes). PostgreSQL leg only.
    const admin = inject('adminDbUrl');
    if (!admin || !hasPsql) return;
    const name = `kelian_restore_${randomBytes(4).toString('hex')}`;
    await query(admin, `create database "${name}"`);
    try {
      const target = new URL(admin);
      target.pathname = `/${name}`;
      const restore = spawnSync(
        'psql',
        ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', file, target.toString()],
        {
          encoding: 'utf8',
        },
      );
      expect(restore.status, restore.stderr).toBe(0);
      const [row] = await query<{ n: number }>(target.toString(), 'select count(*)::int as n from customer');
      expect(row!.n).toBe(customerRows);
      expect(
        await query(target.toString(), `select name from customer where name like '%备份演练%'`),
      ).toEqual([{ name: '备份演练有限公司' }]);
    } finally {
      await query(admin, `drop database if exists "${name}" with (force)`);
    }
  }, 120_000);

  test.runIf(hasPsql)(
    "npm run db:shell: a psql on a snapshot; set search_path to '' and an open transaction there do not reach the server",
    async () => {
      const asking = keepAsking();
      const shell = await npmRun(
        'db:shell',
        ['-X', '-A', '-t'],
        [
          "set search_path to '';",
          'show search_path;',
          'begin;',
          'select count(*) from public.customer;',
          'select pg_sleep(2);',
          "insert into public.tag_group (name) values ('快照里写不进去');",
          'rollback;',
        ].join('\n'),
      );
      const statuses = await asking.stop();
      expect(shell.stdout).toContain('""');
      expect(shell.stderr).toContain('read-only');
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(statuses.length).toBeGreaterThan(0);
      // After the shell, and with its settings gone with the snapshot, the server still answers.
      expect((await api('/api/customers')).status).toBe(200);
    },
    60_000,
  );
});

describe('the embedded database with the server stopped', () => {
  test('db:dump and db:shell open the data folder themselves', async () => {
    await server.stop();
    expect(existsSync(join(dataDir, 'admin.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);

    const file = join(dataDir, 'offline.sql');
    const dump = await npmRun('db:dump', [file]);
    expect(dump.code, dump.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('备份演练有限公司');

    if (hasPsql) {
      const shell = await npmRun('db:shell', [
        '-X',
        '-A',
        '-t',
        '-c',
        `select count(*) from customer where name = '备份演练有限公司'`,
      ]);
      expect(shell.code, shell.stderr).toBe(0);
      expect(shell.stdout.trim()).toBe('1');
      expect(shell.stderr).toContain('changes the data folder directly');
    }
    // Both let go of the folder: the server starts on it again.
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  }, 120_000);
});
