import { setTimeout as sleep } from 'node:timers/promises';
import { ormConfig } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { type CachedToken, DatabaseTokenStore } from '../../src/platforms/token-store.js';

// Two ORMs on one database behave like two server instances.
let instanceA: MikroORM;
let instanceB: MikroORM;
beforeAll(async () => {
  instanceA = await MikroORM.init(ormConfig(testDbUrl()));
  instanceB = await MikroORM.init(ormConfig(testDbUrl()));
});
afterAll(async () => {
  await instanceA.close(true);
  await instanceB.close(true);
});
beforeEach(() => resetDatabase(testDbUrl()));

/** Plays the platform's gettoken: counts the calls, answers after a short delay. */
function tokenEndpoint() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fetch: async (): Promise<CachedToken> => {
      calls++;
      await sleep(150);
      return { value: `token-${calls}`, expiresAt: new Date(Date.now() + 7_200_000) };
    },
  };
}

test('a refreshed token is cached and read back by every instance', async () => {
  const a = new DatabaseTokenStore(instanceA);
  const b = new DatabaseTokenStore(instanceB);
  const platform = tokenEndpoint();
  expect(await a.read('wecom:access', 300_000)).toBeUndefined();
  const token = await a.refresh('wecom:access', undefined, platform.fetch);
  expect(token.value).toBe('token-1');
  expect((await b.read('wecom:access', 300_000))?.value).toBe('token-1');
  // Not valid for another three hours: a caller asking for that much margin must refresh.
  expect(await b.read('wecom:access', 3 * 3_600_000)).toBeUndefined();
});

test('ten concurrent refreshes on two instances call the platform once', async () => {
  const a = new DatabaseTokenStore(instanceA);
  const b = new DatabaseTokenStore(instanceB);
  const platform = tokenEndpoint();
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      (i % 2 ? a : b).refresh('dingtalk:access', undefined, platform.fetch),
    ),
  );
  expect(platform.calls).toBe(1);
  expect(new Set(results.map((r) => r.value))).toEqual(new Set(['token-1']));
});

test('a token reported stale is replaced once; a second report of the same stale token reuses the new one', async () => {
  const a = new DatabaseTokenStore(instanceA);
  const b = new DatabaseTokenStore(instanceB);
  const platform = tokenEndpoint();
  const first = await a.refresh('wecom:access', undefined, platform.fetch);
  const second = await a.refresh('wecom:access', first.value, platform.fetch);
  expect(second.value).toBe('token-2');
  // Instance B saw the old token rejected too, a moment later: it gets token-2 without a call.
  expect((await b.refresh('wecom:access', first.value, platform.fetch)).value).toBe('token-2');
  expect(platform.calls).toBe(2);
});

test('a failed refresh releases the lease so the next caller can try', async () => {
  const a = new DatabaseTokenStore(instanceA);
  const b = new DatabaseTokenStore(instanceB);
  await expect(
    a.refresh('wecom:access', undefined, async () => {
      throw new Error('platform down');
    }),
  ).rejects.toThrow('platform down');
  const platform = tokenEndpoint();
  expect((await b.refresh('wecom:access', undefined, platform.fetch)).value).toBe('token-1');
});
