// `npm run bench -w @kelian/bot-server -- search` (or `BENCH=search npm run bench`; plain
// `npm run bench` runs every bench): customer search on 1,000,000 customers. PostgreSQL when
// BENCH_DATABASE_URL is set (a throwaway database is created and dropped), otherwise embedded PGlite.
// BENCH_CUSTOMERS changes the size. Prints load figures, search latency per kind of query and the
// write cost of the keys.
import { Worker } from 'node:worker_threads';
import { migrate, ormConfig, searchKeysFor } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { searchCustomers } from '../src/domain/search/customers.js';
import { openBenchDatabase } from './database.js';
import { CustomerGenerator } from './generate.js';
import { insertCustomers, noKeys } from './load.js';
import type { Produced, ProducerOptions } from './producer.js';
import { latency, ms, table } from './report.js';

const total = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const batchSize = 5000;
const owners = 300;
const seed = 20261123;
const rounds = 20;
const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
let orm: MikroORM | undefined;
try {
  orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 2 } }));
  await migrate(orm);
  const samples = await load(pool);
  const searches = await measureSearches(orm, samples);
  const writes = await measureWrites(pool);
  console.log(`\nCustomer search on ${total.toLocaleString('en')} customers, ${db.kind}\n`);
  console.log(table(['search (limit 20)', 'example', 'hits', 'p50 ms', 'p95 ms', 'max ms'], searches));
  console.log(
    `\n${table(['insert (batches of 1000, all indexes)', 'customers/s', 'keys ms/1000'], writes)}\n`,
  );
} finally {
  await orm?.close(true);
  await pool.end();
  await db.drop();
}

/**
 * Bulk load as an import would do it: secondary indexes dropped, rows in, indexes built, VACUUM
 * ANALYZE. (Writes with every index in place are measured by measureWrites.)
 */
async function load(db: pg.Pool) {
  await db.query(
    `insert into app_user (name, created_at, updated_at) select '销售' || i, now(), now() from generate_series(1, $1::int) i`,
    [owners],
  );
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
      where tablename in ('customer', 'contact') and indexdef not like 'CREATE UNIQUE %'`,
  );
  for (const i of indexes) await db.query(`drop index "${i.name}"`);
  const producer = new Worker(new URL('./producer.ts', import.meta.url), {
    workerData: { seed, owners, total, batchSize } satisfies ProducerOptions,
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
  const started = performance.now();
  // Two batches in flight: the worker prepares the next while this one is inserted.
  request();
  request();
  try {
    for (let p = await nextBatch(); p; p = await nextBatch()) {
      request();
      await insertCustomers(db, p.batch, p.keys);
      keyMs += p.keyMs;
      customers += p.batch.length;
      contacts += p.batch.reduce((n, c) => n + c.contacts.length, 0);
      if (mobiles.length < 10) mobiles.push(p.batch[p.batch.length >> 1]!.contacts[0]!.mobile);
      if (customers % 100_000 === 0) log(`loaded ${customers} customers, ${seconds(started)}`);
    }
  } finally {
    await producer.terminate();
  }
  await db.query(`select setval('customer_id_seq', $1::int)`, [total]);
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
  // Company fragments people type: the brand and the start of the trade, without the city.
  const { rows: companies } = await db.query<{ name: string; city: string }>(
    `select name, city from customer where kind = 'company' and id % $1::int = 7 order by id limit 5`,
    [Math.max(1, Math.floor(total / 10))],
  );
  const fragments = companies.map((c) =>
    [...c.name.slice(c.name.startsWith(c.city) ? c.city.length : 0)].slice(0, 4).join(''),
  );
  return { tails: mobiles.map((m) => m.slice(-4)), mobiles, fragments };
}

async function measureSearches(
  orm: MikroORM,
  samples: { tails: string[]; mobiles: string[]; fragments: string[] },
) {
  const cases: { label: string; terms: string[]; scoped?: boolean }[] = [
    { label: '2-char name', terms: ['张伟', '王芳', '李娜', '刘洋', '陈静'] },
    { label: '3+ char company fragment', terms: samples.fragments },
    { label: 'full pinyin', terms: ['zhangwei', 'wangfang', 'liuyang', 'huaxin', 'shanghairuifeng'] },
    { label: 'pinyin initials', terms: ['zw', 'wf', 'lyh', 'hxdz', 'shrf'] },
    { label: 'phone tail (4 digits)', terms: samples.tails.slice(0, 5) },
    { label: 'full mobile', terms: samples.mobiles.slice(0, 5) },
    { label: 'no match', terms: ['鑫淼犇焱', 'qxzvkj', '不存在的公司', 'xyzzyq', '99999999999'] },
    { label: 'very common words', terms: ['科技', '有限公司', '张', '北京'] },
    { label: 'one or two letters', terms: ['z', 'zh', 'w', 'li'] },
    { label: "2-char name, one rep's scope", terms: ['张伟', '王芳', '李娜', '刘洋', '陈静'], scoped: true },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const run = (term: string, n: number) =>
      searchCustomers(orm.em.fork(), term, {
        limit: 20,
        ...(c.scoped ? { scopeFilter: { owner: 1 + (n % owners) } } : {}),
      });
    for (const [n, term] of c.terms.entries()) await run(term, n); // warm-up
    const times: number[] = [];
    let hits = 0;
    for (let round = 0; round < rounds; round++) {
      for (const [n, term] of c.terms.entries()) {
        const started = performance.now();
        hits += (await run(term, round * c.terms.length + n)).length;
        times.push(performance.now() - started);
      }
    }
    const l = latency(times);
    rows.push([c.label, c.terms[0]!, (hits / times.length).toFixed(1), ms(l.p50), ms(l.p95), ms(l.max)]);
  }
  return rows;
}

/**
 * Customers per second into the loaded table with every index in place, computing the keys in line
 * as a writer does, against the same inserts with empty keys.
 */
async function measureWrites(db: pg.Pool) {
  const generator = new CustomerGenerator(seed + 1, owners);
  const count = 20_000;
  const rows: string[][] = [];
  let next = total + 1;
  for (const withKeys of [false, true, false, true]) {
    let keyMs = 0;
    const started = performance.now();
    for (let i = 0; i < count; i += 1000) {
      const batch = Array.from({ length: 1000 }, () => generator.customer(next++));
      const computing = performance.now();
      const keys = batch.map((c) => (withKeys ? searchKeysFor(c, c.contacts) : noKeys));
      keyMs += performance.now() - computing;
      await insertCustomers(db, batch, keys);
    }
    const rate = count / ((performance.now() - started) / 1000);
    rows.push([
      withKeys ? 'with search keys' : 'without (empty keys)',
      rate.toFixed(0),
      (keyMs / (count / 1000)).toFixed(1),
    ]);
  }
  return rows;
}
