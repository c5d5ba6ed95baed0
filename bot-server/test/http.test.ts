import Router from '@koa/router';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import { type RunningServer, startTestServer } from './support/server.js';

let server: RunningServer;
// A route that accepts JSON, so body handling can be observed from outside.
const echo = new Router().post('/probe/echo', (ctx) => {
  ctx.body = { received: ctx.request.body };
});

beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer({}, { routers: [echo] });
});
afterAll(() => server.stop());

describe('the HTTP skeleton', () => {
  test('/healthz and /readyz answer 200 when the database is up and migrated', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  test('an unknown address answers a problem+json 404 in Chinese with the request id', async () => {
    const res = await fetch(`${server.url}/no/such/page`, { headers: { 'X-Request-Id': 'trace-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(await res.json()).toEqual({
      type: 'urn:kelian:problem:not-found',
      title: '请求的地址不存在',
      status: 404,
      instance: '/no/such/page',
      requestId: 'trace-123',
    });
  });

  test('a request id that does not look like one is replaced', async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('malformed JSON is a 400 problem, not a crash', async () => {
    const res = await fetch(`${server.url}/probe/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ type: 'urn:kelian:problem:bad-request', title: '请求格式不正确' });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  test('a body over the limit is refused with 413 before it is read', async () => {
    const res = await fetch(`${server.url}/probe/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ title: '请求内容过大' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  test('JSON within the limit reaches the route', async () => {
    const res = await fetch(`${server.url}/probe/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ 客户: '华为' }),
    });
    expect(await res.json()).toEqual({ received: { 客户: '华为' } });
  });

  test('a wrong method on a known route is a 405 problem', async () => {
    const res = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
