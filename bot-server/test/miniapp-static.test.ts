import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import { type RunningServer, startTestServer } from './support/server.js';

// A build folder of the test's own: what matters here is how /app/ serves files.
const build = mkdtempSync(join(tmpdir(), 'kelian-h5-'));
mkdirSync(join(build, 'js'));
writeFileSync(join(build, 'index.html'), '<!doctype html><title>客联</title>');
writeFileSync(join(build, 'js', 'app.1a2b3c4d5e.js'), 'console.log(1)');
// A larger chunk with the compressed copies the build writes beside it (miniapp/config/index.ts).
const chunk = `export const 客户 = [${Array.from({ length: 400 }, (_, i) => `'客户${i}'`).join(',')}];`;
writeFileSync(join(build, 'js', 'page.9f8e7d6c.js'), chunk);
writeFileSync(join(build, 'js', 'page.9f8e7d6c.js.gz'), gzipSync(chunk));
writeFileSync(join(build, 'js', 'page.9f8e7d6c.js.br'), brotliCompressSync(chunk));

let server: RunningServer;
beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer({}, { miniappDir: build });
});
afterAll(() => server.stop());

test('/app/ serves index.html without caching so a new build reaches users at once', async () => {
  const res = await fetch(`${server.url}/app/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  expect(res.headers.get('cache-control')).toBe('no-cache');
  expect(await res.text()).toContain('<title>客联</title>');
  const bare = await fetch(`${server.url}/app`, { redirect: 'manual' });
  expect(bare.status).toBe(302);
  expect(bare.headers.get('location')).toBe('/app/');
});

test('hashed assets are cached for a year with their content type', async () => {
  const res = await fetch(`${server.url}/app/js/app.1a2b3c4d5e.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('javascript');
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('a compressed copy goes to a browser that accepts it, brotli before gzip, the file itself to others', async () => {
  const url = `${server.url}/app/js/page.9f8e7d6c.js`;
  // undici's request leaves the body as sent (fetch would decode it).
  const get = async (acceptEncoding?: string) => {
    const res = await request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body };
  };
  const chrome = await get('gzip, deflate, br, zstd');
  expect(chrome.headers['content-encoding']).toBe('br');
  expect(chrome.body.length).toBeLessThan(Buffer.byteLength(chunk) / 4);
  expect(brotliDecompressSync(chrome.body).toString()).toBe(chunk);
  const gzipOnly = await get('gzip');
  expect(gzipOnly.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gzipOnly.body).toString()).toBe(chunk);
  for (const plain of [await get(), await get('identity'), await get('br;q=0, gzip;q=0')]) {
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(chunk);
  }
  for (const res of [chrome, gzipOnly]) {
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }
});

test('nothing outside the build folder can be read', async () => {
  for (const path of ['/app/..%2F..%2Fpackage.json', '/app/%2e%2e/%2e%2e/etc/passwd', '/app/missing.js']) {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  }
});

test('without a build, /app/ says so instead of an empty page', async () => {
  const empty = await startTestServer({}, { miniappDir: mkdtempSync(join(tmpdir(), 'kelian-h5-none-')) });
  try {
    const res = await fetch(`${empty.url}/app/`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ title: '小程序页面尚未构建' });
  } finally {
    await empty.stop();
  }
});
