// `npm run admin -- grant` on the embedded database, as an IT person runs it on the server's
// machine: with the server running (the data folder is the server's alone) the server does the
// grant through its admin door; with it stopped the command line opens the data folder itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { launchServer, repoRoot, type ServerProcess } from '../support/server-process.js';
import { waitFor } from '../support/wait.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kelian-admin-cli-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = { DATA_DIR: dataDir, SANDBOX_DEMO_DATA: 'false', LOG_LEVEL: 'silent' };

/** The command line as `npm run admin --` runs it, in the repository with this environment. */
async function admin(...args: string[]) {
  const { DATABASE_URL: _none, ...inherited } = process.env;
  return promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--conditions=@kelian/source', 'bot-server/src/admin-cli.ts', ...args],
    { cwd: repoRoot, env: { ...inherited, ...env } },
  ).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

test('on a running server through its door, then with the server stopped on its data folder', async () => {
  server = launchServer({ ...env, LOG_LEVEL: 'info' });
  const url = await server.ready;
  const details = async () =>
    ((await (await fetch(`${url}/readyz`)).json()) as { details?: unknown }).details;
  expect(await details()).toEqual([
    { code: 'no-administrator', title: expect.stringContaining('客联尚未设置管理员') },
  ]);

  // The org sync brings 张伟 in shortly after the start; until then he is not in the directory.
  const granted = await waitFor(
    async () => {
      const answer = await admin('grant', 'ZhangWei');
      return answer.code === 0 ? answer : undefined;
    },
    60_000,
    'the grant through the running server',
  );
  expect(granted.stderr).toContain('已将 张伟 设为客联管理员');
  expect(await details()).toBeUndefined();
  expect((await admin('grant', '13800100102')).stderr).toContain('张伟 已经是客联管理员');
  expect(await admin('grant', 'NoSuchPerson')).toMatchObject({
    code: 1,
    stderr: expect.stringContaining('「NoSuchPerson」'),
  });

  await server.stop();
  expect((await admin('grant', 'LiNa')).stderr).toContain('已将 李娜 设为客联管理员');
  expect(await admin('revoke', 'LiNa')).toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
}, 120_000);
