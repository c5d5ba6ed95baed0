// The worker loop over a table that is its own queue (ClaimLoop), against a fake queue in memory.
// What a caller observes: which items are handled, in what order, how many at once, and when.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, expect, test } from 'vitest';
import { ClaimLoop, type ClaimLoopOptions } from '../../src/jobs/claim-loop.js';

const logger = pino({ level: 'silent' });

interface Item {
  id: number;
  key?: string;
}

/**
 * A queue in memory: `claim(limit)` takes up to `limit` items from the front, as the database's
 * claim does, and remembers every claim (the limit asked for, what it returned, when).
 */
function memoryQueue(items: Item[] = []) {
  const pending = [...items];
  const claims: { limit: number; got: number; at: number }[] = [];
  return {
    pending,
    claims,
    claim: async (limit: number) => {
      const got = pending.splice(0, limit);
      claims.push({ limit, got: got.length, at: performance.now() });
      return got;
    },
  };
}

const loops: ClaimLoop<Item>[] = [];
/** A started loop, stopped after the test whatever happens. */
function startLoop(options: Omit<ClaimLoopOptions<Item>, 'name' | 'logger'>): ClaimLoop<Item> {
  const loop = new ClaimLoop<Item>({ name: 'test', logger, ...options });
  loops.push(loop);
  loop.start();
  return loop;
}
afterEach(async () => {
  await Promise.all(loops.splice(0).map((l) => l.stop()));
});

/** Resolves when `check` holds, polling every few ms; rejects after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(2);
  }
}

const items = (n: number, from = 1, key?: (i: number) => string): Item[] =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, ...(key ? { key: key(from + i) } : {}) }));

test('one slow item holds back only itself: the quick ones all finish while it runs, and the loop claims meanwhile', async () => {
  const slow: Item = { id: 0 };
  const queue = memoryQueue([slow, ...items(20)]);
  const finished: number[] = [];
  let slowEnded: number | undefined;
  startLoop({
    claim: queue.claim,
    handle: async (item) => {
      await sleep(item === slow ? 1000 : 5);
      finished.push(item.id);
      if (item === slow) slowEnded = performance.now();
    },
    concurrency: 4,
    idleMs: 10_000,
  });
  await until(() => finished.length === 21, 5000, 'every item to be handled');
  // The slow item is the last to finish: the 20 quick ones went past it.
  expect(finished.at(-1)).toBe(0);
  expect(new Set(finished.slice(0, 20))).toEqual(new Set(items(20).map((i) => i.id)));
  // Claims went on while the slow item was in hand (the first claim took it; later ones took the
  // quick items that followed it).
  const claimsWhileSlow = queue.claims.filter((c) => c.got > 0 && c.at < slowEnded!);
  expect(claimsWhileSlow.length).toBeGreaterThan(1);
  expect(claimsWhileSlow.reduce((n, c) => n + c.got, 0)).toBe(21);
});

test('items of one sequence key are handled one after another in claim order; other keys run alongside', async () => {
  // Three actors, their items interleaved in claim order.
  const keys = ['a', 'b', 'c'];
  const all = items(18, 1, (i) => keys[i % 3]!);
  const queue = memoryQueue(all);
  const started: Item[] = [];
  const activeByKey = new Map<string, number>();
  let maxActiveOfOneKey = 0;
  let maxKeysActive = 0;
  let done = 0;
  startLoop({
    claim: queue.claim,
    sequenceKey: (item) => item.key!,
    handle: async (item) => {
      started.push(item);
      activeByKey.set(item.key!, (activeByKey.get(item.key!) ?? 0) + 1);
      maxActiveOfOneKey = Math.max(maxActiveOfOneKey, activeByKey.get(item.key!)!);
      maxKeysActive = Math.max(maxKeysActive, [...activeByKey.values()].filter((n) => n > 0).length);
      await sleep(15);
      activeByKey.set(item.key!, activeByKey.get(item.key!)! - 1);
      done += 1;
    },
    concurrency: 4,
    idleMs: 10_000,
  });
  await until(() => done === all.length, 5000, 'every item to be handled');
  expect(maxActiveOfOneKey).toBe(1);
  expect(maxKeysActive).toBeGreaterThan(1);
  for (const key of keys) {
    expect(started.filter((i) => i.key === key).map((i) => i.id)).toEqual(
      all.filter((i) => i.key === key).map((i) => i.id),
    );
  }
});

test('never more than `concurrency` items in hand, and the loop does fill up to it', async () => {
  const queue = memoryQueue(items(60));
  let active = 0;
  let maxActive = 0;
  let done = 0;
  let claimedTotal = 0;
  let maxInHand = 0;
  startLoop({
    claim: async (limit) => {
      const got = await queue.claim(limit);
      claimedTotal += got.length;
      // Claimed and not yet finished: what the loop holds, waiting or running.
      maxInHand = Math.max(maxInHand, claimedTotal - done);
      return got;
    },
    handle: async (item) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(1 + (item.id % 7) * 2);
      active -= 1;
      done += 1;
    },
    concurrency: 5,
    idleMs: 10_000,
  });
  await until(() => done === 60, 5000, 'every item to be handled');
  expect(maxActive).toBe(5);
  expect(maxInHand).toBeLessThanOrEqual(5);
  expect(Math.max(...queue.claims.map((c) => c.limit))).toBeLessThanOrEqual(5);
});

test('items waiting behind their key count as in hand: the loop does not claim past `concurrency`', async () => {
  const queue = memoryQueue(items(12, 1, () => 'one actor'));
  let done = 0;
  let maxInHand = 0;
  let claimedTotal = 0;
  startLoop({
    claim: async (limit) => {
      const got = await queue.claim(limit);
      claimedTotal += got.length;
      maxInHand = Math.max(maxInHand, claimedTotal - done);
      return got;
    },
    sequenceKey: (item) => item.key!,
    handle: async () => {
      await sleep(5);
      done += 1;
    },
    concurrency: 3,
    idleMs: 10_000,
  });
  await until(() => done === 12, 5000, 'every item to be handled');
  expect(maxInHand).toBe(3);
});

test('wake() makes an idle loop claim at once instead of after idleMs', async () => {
  const idleMs = 10_000;
  const queue = memoryQueue();
  const handledAt = new Map<number, number>();
  const loop = startLoop({
    claim: queue.claim,
    handle: async (item) => {
      handledAt.set(item.id, performance.now());
    },
    concurrency: 4,
    idleMs,
  });
  await until(() => queue.claims.length === 1, 1000, 'the first (empty) claim');
  // Work written without a wake waits for the idle timeout: nothing happens for now.
  queue.pending.push({ id: 1 });
  await sleep(300);
  expect(handledAt.size).toBe(0);
  expect(queue.claims).toHaveLength(1);
  const wokenAt = performance.now();
  loop.wake();
  await until(() => handledAt.has(1), idleMs / 2, 'the item to be handled after wake()');
  expect(handledAt.get(1)! - wokenAt).toBeLessThan(idleMs);
});

test('a wake that arrives while a claim is in flight is not lost', async () => {
  const idleMs = 10_000;
  const pending: Item[] = [];
  const handled: number[] = [];
  let claims = 0;
  const loop = startLoop({
    claim: async (limit) => {
      claims += 1;
      const got = pending.splice(0, limit);
      if (claims === 2) {
        // New work is written (and the loop woken) after this claim looked, before it answers.
        await sleep(20);
        pending.push({ id: 2 });
        loop.wake();
      }
      return got;
    },
    handle: async (item) => {
      handled.push(item.id);
    },
    concurrency: 4,
    idleMs,
  });
  await until(() => claims === 1, 1000, 'the first (empty) claim');
  pending.push({ id: 1 });
  loop.wake();
  await until(() => handled.length === 2, idleMs / 2, 'both items to be handled');
  expect(handled).toEqual([1, 2]);
});

test('stop() claims nothing more and settles only after the items in hand are done', async () => {
  const queue = memoryQueue(items(10));
  const started: number[] = [];
  const finished: number[] = [];
  const loop = startLoop({
    claim: queue.claim,
    handle: async (item) => {
      started.push(item.id);
      await sleep(200);
      finished.push(item.id);
    },
    concurrency: 2,
    idleMs: 10_000,
  });
  await until(() => started.length === 2, 1000, 'two items to start');
  const claimsBefore = queue.claims.length;
  await loop.stop();
  expect(finished.sort()).toEqual([1, 2]);
  expect(started).toHaveLength(2);
  expect(queue.claims).toHaveLength(claimsBefore);
  expect(queue.pending).toHaveLength(8);
});

test('stop() also waits for items in hand that are still queued behind their key', async () => {
  const queue = memoryQueue(items(3, 1, () => 'one actor'));
  const finished: number[] = [];
  const loop = startLoop({
    claim: queue.claim,
    sequenceKey: (item) => item.key!,
    handle: async (item) => {
      await sleep(100);
      finished.push(item.id);
    },
    concurrency: 3,
    idleMs: 10_000,
  });
  await until(() => queue.pending.length === 0, 1000, 'all three to be claimed');
  await loop.stop();
  expect(finished).toEqual([1, 2, 3]);
});

test('a handler that throws does not stop the loop', async () => {
  const queue = memoryQueue(items(5));
  const handled: number[] = [];
  startLoop({
    claim: queue.claim,
    handle: async (item) => {
      handled.push(item.id);
      if (item.id === 2) throw new Error('could not even record the failure');
    },
    concurrency: 1,
    idleMs: 10_000,
  });
  await until(() => handled.length === 5, 2000, 'every item to be handled');
  expect(handled).toEqual([1, 2, 3, 4, 5]);
});

test('after a failed claim the loop waits before claiming again, but stop() does not wait for it', async () => {
  let claims = 0;
  const loop = startLoop({
    claim: async () => {
      claims++;
      throw new Error('the database is down');
    },
    handle: async () => undefined,
    concurrency: 4,
    // Far beyond the test's own timeout: stop() must not sit it out.
    idleMs: 60_000,
  });
  await until(() => claims === 1, 1000, 'the first claim');
  await loop.stop();
  expect(claims).toBe(1);
});

test('with gatherMs, rows written one at a time after a short claim are taken by one claim', async () => {
  const gatherMs = 200;
  const queue = memoryQueue();
  const handled: number[] = [];
  const loop = startLoop({
    claim: queue.claim,
    handle: async (item) => {
      handled.push(item.id);
    },
    concurrency: 16,
    idleMs: 10_000,
    gatherMs,
  });
  await until(() => queue.claims.length === 1, 1000, 'the first (empty) claim');
  // An answer written per event, each with its wake, as a burst of chat events writes them.
  for (const item of items(5)) {
    queue.pending.push(item);
    loop.wake();
    await sleep(10);
  }
  await until(() => handled.length === 5, 5000, 'the five items');
  expect(queue.claims.map((c) => c.got)).toEqual([0, 5]);
  // Not before gatherMs after the short claim (a timer may fire a fraction of a millisecond early).
  expect(queue.claims[1]!.at - queue.claims[0]!.at).toBeGreaterThan(gatherMs - 2);
});

test('work booked for later is claimed when it falls due, not at the next idle look a minute on', async () => {
  // A message booked for when its rate window opens: not due before `dueAt`, as the database's
  // claim would see it.
  const dueAt = Date.now() + 300;
  const booked: Item = { id: 1 };
  const claims: number[] = [];
  const handled: number[] = [];
  const loop = startLoop({
    claim: async () => {
      claims.push(Date.now());
      return Date.now() >= dueAt && handled.length === 0 ? [booked] : [];
    },
    handle: async (item) => {
      handled.push(item.id);
    },
    concurrency: 4,
    idleMs: 60_000,
  });
  await until(() => claims.length === 1, 1000, 'the first (empty) claim');
  loop.wakeAt(dueAt);
  loop.wakeAt(dueAt + 5); // within the same grain: one wake-up for both
  await until(() => handled.length === 1, 5000, 'the booked item');
  expect(claims.length).toBe(2);
  expect(claims[1]!).toBeGreaterThanOrEqual(dueAt);
});
