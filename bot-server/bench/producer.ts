// Worker thread: generates customers and computes their search keys while the main thread inserts
// the previous batch, so the load takes as long as the slower of the two, not their sum.
import { parentPort, workerData } from 'node:worker_threads';
import { type SearchKeys, searchKeysFor } from '@kelian/orm';
import { CustomerGenerator, type GeneratedCustomer } from './generate.js';

export interface ProducerOptions {
  seed: number;
  owners: number;
  total: number;
  batchSize: number;
}

/** A batch of customers with their keys and the milliseconds the keys took; null when done. */
export type Produced = { batch: GeneratedCustomer[]; keys: SearchKeys[]; keyMs: number } | null;

const { seed, owners, total, batchSize } = workerData as ProducerOptions;
const generator = new CustomerGenerator(seed, owners);
let next = 1;
parentPort!.on('message', () => {
  if (next > total) return parentPort!.postMessage(null satisfies Produced);
  const batch: GeneratedCustomer[] = [];
  for (; next <= total && batch.length < batchSize; next++) batch.push(generator.customer(next));
  const started = performance.now();
  const keys = batch.map((c) => searchKeysFor(c, c.contacts));
  parentPort!.postMessage({ batch, keys, keyMs: performance.now() - started } satisfies Produced);
});
