// `npm run bench -w @kelian/bot-server -- search` (or `BENCH=search npm run bench`; plain
// `npm run bench` runs every bench): customer search on 1,000,000 customers. PostgreSQL when
// BENCH_DATABASE_URL is set (a throwaway database is created and dropped), otherwise embedded PGlite.
// BENCH_CUSTOMERS changes the size. Prints load figures, search latency per kind of query and the
// write cost of the keys.
import { migrate, ormConfig, searchKeysFor } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { searchCustomers } from '../src/domain/search/customers.js';
import { bulkLoadCustomers, companyFragments } from './bulk-load.js';
import { openBenchDatabase } from './database.js';
import { CustomerGenerator } from './generate.js';
import { insertCustomers, noKeys } from './load.js';
import { latency, ms, table } from './report.js';

const total = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const batchSize = 5000;
const owners = 300;
const seed = 20261123;
const rounds = 20;

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

async function load(db: pg.Pool) {
  await db.query(
    `insert into app_user (name, created_at, updated_at) select '销售' || i, now(), now() from generate_series(1, $1::int) i`,
    [owners],
  );
  const mobiles = await bulkLoadCustomers(db, { seed, owners, total, batchSize });
  return { tails: mobiles.map((m) => m.slice(-4)), mobiles, fragments: await companyFragments(db, 5, total) };
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
