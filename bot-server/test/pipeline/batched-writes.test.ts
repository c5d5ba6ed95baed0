// The inbox stores callbacks that arrive together in one statement (BatchedWrites). What a caller
// observes: its own outcome, at once when alone, and a refusal only when its own item is refused.
import { expect, test } from 'vitest';
import { BatchedWrites } from '../../src/jobs/batched-writes.js';

/** A write that records the batches it was given and takes a moment, as a round trip does. */
function recordingWrite(refuse: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise((r) => setTimeout(r, 20));
    if (items.some(refuse)) throw new Error(`refused ${items.filter(refuse).join(',')}`);
    return items.map((i) => i * 10);
  };
  return { batches, write };
}

test('a lone item is written at once; items arriving while a write is in flight leave together', async () => {
  const { batches, write } = recordingWrite();
  const writes = new BatchedWrites(write, { concurrency: 1, maxBatch: 100 });
  const first = writes.submit(1);
  const meanwhile = [2, 3, 4].map((i) => writes.submit(i));
  expect(await first).toBe(10);
  expect(await Promise.all(meanwhile)).toEqual([20, 30, 40]);
  expect(batches).toEqual([[1], [2, 3, 4]]);
  // Nothing in flight any more: the next one goes alone, at once.
  await new Promise((r) => setTimeout(r, 0));
  expect(await writes.submit(5)).toBe(50);
  expect(batches.at(-1)).toEqual([5]);
});

test('a batch never exceeds its size, and two may be in flight', async () => {
  const { batches, write } = recordingWrite();
  const writes = new BatchedWrites(write, { concurrency: 2, maxBatch: 3 });
  const items = Array.from({ length: 10 }, (_, i) => i);
  expect(await Promise.all(items.map((i) => writes.submit(i)))).toEqual(items.map((i) => i * 10));
  expect(batches).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
});

test('an item the write refuses fails alone: its batchmates are written one by one and succeed', async () => {
  const { batches, write } = recordingWrite((i) => i === 3);
  const writes = new BatchedWrites(write, { concurrency: 1, maxBatch: 100 });
  const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => writes.submit(i)));
  expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'refused'))).toEqual([
    10,
    20,
    'refused',
    40,
  ]);
  expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
});
