import { setTimeout as sleep } from 'node:timers/promises';
import Router from '@koa/router';
import { expect, test } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import { startTestServer } from './support/server.js';

test('stopping finishes the request in flight, then refuses new connections', async () => {
  await resetDatabase(testDbUrl());
  const slow = new Router().get('/probe/slow', async (ctx) => {
    await sleep(500);
    ctx.body = { done: true };
  });
  const server = await startTestServer({}, { routers: [slow] });
  const inFlight = fetch(`${server.url}/probe/slow`);
  await sleep(100);
  await server.stop();
  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ done: true });
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
});
