// A browser that leaves a page while /app/ is still sending a file (a tap on another chat, a closed
// sidebar) aborts the download: the server did nothing wrong, so nothing is logged as an error.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import Router from '@koa/router';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import { createLogger } from '../src/logger.js';
import { type RunningServer, startTestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

const build = mkdtempSync(join(tmpdir(), 'kelian-h5-abort-'));
mkdirSync(join(build, 'js'));
writeFileSync(join(build, 'index.html'), '<!doctype html><title>客联</title>');
// Far more than the socket buffers hold, so the server is still sending when the browser goes.
writeFileSync(join(build, 'js', 'vendors.1a2b3c4d5e.js'), 'x'.repeat(16 * 1024 * 1024));

// A body that fails after its first bytes, as a disk read error would.
const brokenStream = new Router().get('/broken-stream', (ctx) => {
  ctx.type = 'text/plain';
  ctx.body = new Readable({
    read() {
      this.push('partial ');
      setImmediate(() => this.destroy(Object.assign(new Error('disk read failed'), { code: 'EIO' })));
    },
  });
});

const lines: { level: string; msg: string; err?: { code?: string } }[] = [];
const logger = createLogger(
  'debug',
  new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  }),
);

let server: RunningServer;
beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer({}, { miniappDir: build, logger, routers: [brokenStream] });
});
afterAll(async () => {
  await server.stop();
  rmSync(build, { recursive: true, force: true });
});

/** Starts downloading `path`, and drops the connection once the first bytes are in. */
function abortMidway(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end();
  });
}

test('an aborted download of the mini-app is a debug line, not an error', async () => {
  const stderr = vi.spyOn(console, 'error');
  try {
    await abortMidway('/app/js/vendors.1a2b3c4d5e.js');
    const aborted = await waitFor(async () =>
      lines.find((l) => l.err?.code === 'ERR_STREAM_PREMATURE_CLOSE'),
    );
    expect(aborted).toMatchObject({ level: 'debug', msg: 'response aborted by the client' });
    expect(lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(stderr).not.toHaveBeenCalled();
  } finally {
    stderr.mockRestore();
  }
  // The server goes on serving.
  expect((await fetch(`${server.url}/app/`)).status).toBe(200);
});

test('a response that breaks on the server’s side is still an error', async () => {
  const res = await fetch(`${server.url}/broken-stream`).catch(() => undefined);
  await res?.text().catch(() => undefined);
  const failed = await waitFor(async () => lines.find((l) => l.err?.code === 'EIO'));
  expect(failed).toMatchObject({ level: 'error', msg: 'response failed' });
});
