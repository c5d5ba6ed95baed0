// The server as a user runs it: a separate process on an embedded database in a data folder.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { launchServer, query, type ServerProcess } from './support/server-process.js';

const running: ServerProcess[] = [];
afterEach(() => {
  for (const server of running.splice(0)) if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

/** At debug level, where the embedded database's own socket is logged (tests look inside with it). */
function launch(env: Record<string, string>): ServerProcess {
  const server = launchServer({ LOG_LEVEL: 'debug', ...env });
  running.push(server);
  return server;
}

const parsed = (line: string): { socket?: string } | undefined => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

/** The embedded database's socket, from the log of a server that is listening. */
const socketOf = (server: ServerProcess) => server.log.map(parsed).find((entry) => entry?.socket)!.socket!;

/** Output lines that are not JSON: the process must print none (logs are one JSON object a line). */
const plainLines = (server: ServerProcess) => server.log.filter((line) => parsed(line) === undefined);

describe('npm start on the embedded database', () => {
  test('serves, keeps committed data through kill -9, refuses a second process, stops cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kelian-data-'));

    const first = launch({ DATA_DIR: dataDir });
    const url = await first.ready;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(first.log.some((l) => l.includes('"demo data loaded"'))).toBe(true);
    await query(socketOf(first), "update customer set name = '断电测试有限公司' where id = 1");

    const second = await launch({ DATA_DIR: dataDir }).exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('in use by another Kelian process');

    first.child.kill('SIGKILL');
    await first.exited;

    const restarted = launch({ DATA_DIR: dataDir });
    await restarted.ready;
    expect(await query(socketOf(restarted), 'select name from customer where id = 1')).toEqual([
      { name: '断电测试有限公司' },
    ]);
    expect(await query(socketOf(restarted), 'select count(*)::int as n from app_user')).toEqual([{ n: 21 }]);
    // Neither the migrations nor the demo data run a second time.
    expect(
      restarted.log.some((l) => l.includes('"demo data loaded"') || l.includes('"migrations applied"')),
    ).toBe(false);

    restarted.child.kill('SIGTERM');
    expect((await restarted.exited).code).toBe(0);
    expect(restarted.log.some((l) => l.includes('"shutting down"'))).toBe(true);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
    expect([...plainLines(first), ...plainLines(restarted)]).toEqual([]);
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
