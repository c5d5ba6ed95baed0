// The server as a user runs it: a separate process on an embedded database in a data folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Started {
  child: ChildProcess;
  url: string;
  /** The embedded database's own socket, logged at debug level only (tests look inside with it). */
  socket: string;
  log: string[];
  plain: string[];
}

function launch(env: Record<string, string>) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@kelian/source', 'bot-server/src/main.ts'],
    {
      cwd: root,
      env: { ...inherited, LOG_LEVEL: 'debug', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.push(child);
  const log: string[] = [];
  /** Output lines that are not JSON: the process must print none (logs are one JSON object a line). */
  const plain: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((done) =>
    child.on('exit', (code) => done({ code, stderr })),
  );
  const ready = new Promise<Started>((done, fail) => {
    let socket = '';
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        let entry: { msg: string; url?: string; socket?: string };
        try {
          entry = JSON.parse(line);
        } catch {
          plain.push(line);
          continue;
        }
        log.push(line);
        if (entry.socket) socket = entry.socket;
        if (entry.msg === 'kelian is listening') done({ child, url: entry.url!, socket, log, plain });
      }
    });
    void exited.then(({ code, stderr }) => fail(new Error(`exited with ${code}: ${stderr}`)));
  });
  // A launch that is expected to fail never awaits `ready`.
  ready.catch(() => undefined);
  return { ready, exited, log };
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('npm start on the embedded database', () => {
  test('serves, keeps committed data through kill -9, refuses a second process, stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kelian-data-'));

    const first = await launch({ DATA_DIR: dataDir }).ready;
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    expect(first.log.some((l) => l.includes('"demo data loaded"'))).toBe(true);
    await sql(first.socket, "update customer set name = '断电测试有限公司' where id = 1");

    const second = await launch({ DATA_DIR: dataDir }).exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('in use by another Kelian process');

    first.child.kill('SIGKILL');
    await new Promise((done) => first.child.on('exit', done));

    const again = launch({ DATA_DIR: dataDir });
    const restarted = await again.ready;
    expect(await sql(restarted.socket, 'select name from customer where id = 1')).toEqual([
      { name: '断电测试有限公司' },
    ]);
    expect(await sql(restarted.socket, 'select count(*)::int as n from app_user')).toEqual([{ n: 21 }]);
    // Neither the migrations nor the demo data run a second time.
    expect(
      restarted.log.some((l) => l.includes('"demo data loaded"') || l.includes('"migrations applied"')),
    ).toBe(false);

    restarted.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    expect(restarted.log.some((l) => l.includes('"shutting down"'))).toBe(true);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    expect([...first.plain, ...restarted.plain]).toEqual([]);
  }, 120_000);

  test('a wrong configuration value stops the start with a message naming the key', async () => {
    const { code, stderr } = await launch({
      PORT: 'abc',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'kelian-data-')),
    }).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('expected a port number');
  });
});
