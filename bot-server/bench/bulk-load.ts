// Generated customers and their contacts (generate.ts) loaded in bulk as an import would do it:
// secondary indexes of both tables dropped, rows in, indexes built, VACUUM ANALYZE. Shared by the
// benches that need a million realistic, searchable customers (search, customers).
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { GeneratedCustomer } from './generate.js';
import { insertCustomers } from './load.js';
import type { Produced, ProducerOptions } from './producer.js';

export interface BulkLoad extends ProducerOptions {
  /** Rewrites each generated customer before it goes in (other ids, real owners). */
  adapt?: (customer: GeneratedCustomer) => GeneratedCustomer;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Loads `total` customers; answers some of their mobile numbers (one per batch, ten at most). */
export async function bulkLoadCustomers(db: pg.Pool, { adapt, ...options }: BulkLoad): Promise<string[]> {
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
      where tablename in ('customer', 'contact') and indexdef not like 'CREATE UNIQUE %'`,
  );
  for (const i of indexes) await db.query(`drop index "${i.name}"`);
  const producer = new Worker(new URL('./producer.ts', import.meta.url), {
    workerData: options satisfies ProducerOptions,
  });
  const produced: Produced[] = [];
  const waiting: ((p: Produced) => void)[] = [];
  producer.on('message', (p: Produced) => (waiting.length ? waiting.shift()!(p) : produced.push(p)));
  const request = () => producer.postMessage('next');
  const nextBatch = () =>
    new Promise<Produced>((resolve) =>
      produced.length ? resolve(produced.shift()!) : waiting.push(resolve),
    );
  const mobiles: string[] = [];
  let keyMs = 0;
  let customers = 0;
  let contacts = 0;
  let lastId = 0;
  const started = performance.now();
  // Two batches in flight: the worker prepares the next while this one is inserted.
  request();
  request();
  try {
    for (let p = await nextBatch(); p; p = await nextBatch()) {
      request();
      const batch = adapt ? p.batch.map(adapt) : p.batch;
      await insertCustomers(db, batch, p.keys);
      keyMs += p.keyMs;
      customers += batch.length;
      contacts += batch.reduce((n, c) => n + c.contacts.length, 0);
      lastId = Math.max(lastId, batch.at(-1)!.id);
      if (mobiles.length < 10) mobiles.push(batch[batch.length >> 1]!.contacts[0]!.mobile);
      if (customers % 100_000 === 0) log(`loaded ${customers} customers, ${seconds(started)}`);
    }
  } finally {
    await producer.terminate();
  }
  await db.query(`select setval('customer_id_seq', greatest($1::int, (select max(id) from customer)))`, [
    lastId,
  ]);
  log(
    `loaded ${customers} customers and ${contacts} contacts in ${seconds(started)} (keys in the worker: ${(keyMs / 1000).toFixed(1)} s)`,
  );
  const indexing = performance.now();
  // Two connections build indexes side by side (one core each on PostgreSQL; PGlite takes turns).
  await Promise.all(
    [0, 1].map(async (lane) => {
      const client = await db.connect();
      try {
        await client.query(`set maintenance_work_mem = '256MB'`);
        for (const i of indexes.filter((_, n) => n % 2 === lane)) await client.query(i.definition);
      } finally {
        client.release();
      }
    }),
  );
  log(`built ${indexes.length} indexes in ${seconds(indexing)}`);
  const vacuuming = performance.now();
  await db.query('vacuum analyze customer');
  await db.query('vacuum analyze contact');
  log(`vacuum analyze in ${seconds(vacuuming)}`);
  return mobiles;
}

/** Company fragments people type: the brand and the start of the trade, without the city. */
export async function companyFragments(db: pg.Pool, count: number, total: number): Promise<string[]> {
  const { rows } = await db.query<{ name: string; city: string }>(
    `select name, city from customer where kind = 'company' and id % $1::int = 7 order by id limit $2`,
    [Math.max(1, Math.floor(total / 10)), count],
  );
  return rows.map((c) =>
    [...c.name.slice(c.name.startsWith(c.city) ? c.city.length : 0)].slice(0, 4).join(''),
  );
}
