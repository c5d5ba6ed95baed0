// `npm run bench -w @kelian/bot-server -- customers` (or `BENCH=customers npm run bench`): issue 13's
// mini-app customer list and 360° view on 1,000,000 customers (BENCH_CUSTOMERS) and their ~1,880,000
// contacts, through the real server (boot(), sandbox mode: HTTP, a session, the data scope, the
// presenter). PostgreSQL when BENCH_DATABASE_URL is set (a throwaway database), otherwise embedded
// PGlite. For the rep 张伟 and the administrator 徐明: the first page of `GET /api/customers` as the
// mini-app asks for it (limit 20, default order) for each kind of search text and for none, and the
// 360° page's calls on varied customers. BENCH_ROUNDS (30) requests per line; the target is p95 < 50 ms.
import type pg from 'pg';
import type { RunningServer } from '../src/boot.js';
import { bulkLoadCustomers, companyFragments } from './bulk-load.js';
import { openBenchDatabase } from './database.js';
import { latency, loadAverage, ms, table } from './report.js';
import { type SandboxServer, salesReps, startSandboxServer } from './sandbox-server.js';

const total = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const seed = 20261206;

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
let sandbox: SandboxServer | undefined;
try {
  sandbox = await startSandboxServer(db.url);
  const { server, pool } = sandbox;
  const samples = await load(pool);
  const people = { rep: await sandbox.signIn('张伟'), admin: await sandbox.signIn('徐明') };
  const lists = await measureLists(server, people, samples);
  const views = await measureViews(sandbox, people);
  const { rows } = await pool.query<{ customers: number; contacts: number }>(
    'select (select count(*) from customer)::int as customers, (select count(*) from contact)::int as contacts',
  );
  console.log(
    `\nCustomer list and 360° view on ${rows[0]!.customers.toLocaleString('en')} customers and ${rows[0]!.contacts.toLocaleString('en')} contacts, ${db.kind}, through HTTP (load average ${loadAverage()})\n`,
  );
  console.log(
    table(['GET /api/customers (limit 20)', 'who', 'example', 'rows', 'p50 ms', 'p95 ms', 'max ms'], lists),
  );
  console.log(`\n${table(['360° page', 'who', 'p50 ms', 'p95 ms', 'max ms'], views)}\n`);
} finally {
  await sandbox?.stop();
  await db.drop();
}

/**
 * The generated customers (bulk-load.ts) after the demo's: owned by the demo's reps, one in ten in
 * the pool. Answers terms taken from what was loaded.
 */
async function load(p: pg.Pool) {
  const reps = await salesReps(p);
  const { rows } = await p.query<{ last: number }>('select coalesce(max(id), 0)::int as last from customer');
  const after = rows[0]!.last;
  const mobiles = await bulkLoadCustomers(p, {
    seed,
    owners: reps.length,
    total,
    batchSize: 5000,
    adapt: (c) => ({ ...c, id: after + c.id, ownerId: c.ownerId === null ? null : reps[c.ownerId - 1]!.id }),
  });
  return { tails: mobiles.map((m) => m.slice(-4)), fragments: await companyFragments(p, 5, total) };
}

type People = Record<'rep' | 'admin', string>;

/** `rounds` timed calls of `url(n)` after one untimed of `url(0)`, as `token`; with that first answer. */
async function timed<T>(s: RunningServer, token: string, url: (n: number) => string) {
  const get = async (n: number) => {
    const res = await fetch(`${s.url}${url(n)}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${url(n)}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const first = await get(0);
  const times: number[] = [];
  for (let n = 0; n < rounds; n++) {
    const started = performance.now();
    await get(n);
    times.push(performance.now() - started);
  }
  return { latency: latency(times), first };
}

async function measureLists(
  s: RunningServer,
  people: People,
  samples: { tails: string[]; fragments: string[] },
) {
  const cases: { label: string; terms: string[] }[] = [
    { label: '2-char name', terms: ['张伟', '王芳', '李娜', '刘洋', '陈静'] },
    { label: 'company fragment: city', terms: ['北京', '上海', '深圳'] },
    { label: 'company fragment: brand + trade', terms: samples.fragments },
    { label: 'full pinyin', terms: ['zhangwei', 'wangfang', 'liuyang', 'huaxin', 'shanghairuifeng'] },
    { label: 'pinyin initials', terms: ['zw', 'wf', 'lyh', 'hxdz', 'shrf'] },
    { label: 'phone tail (4 digits)', terms: samples.tails.slice(0, 5) },
    { label: 'very common word', terms: ['科技', '有限公司', '电子'] },
    { label: 'single letter', terms: ['z', 'w', 'l', 's'] },
    { label: 'no search text', terms: [''] },
  ];
  const rows: string[][] = [];
  for (const who of ['rep', 'admin'] as const) {
    for (const c of cases) {
      const url = (n: number) => {
        const term = c.terms[n % c.terms.length]!;
        return `/api/customers?${term ? `q=${encodeURIComponent(term)}&` : ''}limit=20`;
      };
      const { latency: l, first } = await timed<{ items: unknown[] }>(s, people[who], url);
      rows.push([
        c.label,
        who,
        c.terms[0] || '—',
        String(first.items.length),
        ms(l.p50),
        ms(l.p95),
        ms(l.max),
      ]);
    }
  }
  return rows;
}

/** The 360° page's calls (miniapp/src/pages/customers/detail.tsx) on `rounds` customers each may see. */
async function measureViews(sandbox: SandboxServer, people: People) {
  const { server: s, pool: p } = sandbox;
  const zhang = await sandbox.userId('张伟');
  const spread = `order by (id::bigint * 7919) % 1000003 limit $1`;
  const { rows: mine } = await p.query<{ id: number }>(
    `select id from customer where owner_id = $2 and deleted_at is null ${spread}`,
    [rounds, zhang],
  );
  const { rows: any } = await p.query<{ id: number }>(
    `select id from customer where deleted_at is null ${spread}`,
    [rounds],
  );
  const ids = { rep: mine.map((r) => r.id), admin: any.map((r) => r.id) };
  const calls = [
    { label: 'view GET /api/customers/:id', path: (id: number) => `/api/customers/${id}` },
    { label: 'timeline (limit 20)', path: (id: number) => `/api/customers/${id}/timeline?limit=20` },
    { label: 'deals (limit 50)', path: (id: number) => `/api/opportunities?customerId=${id}&limit=50` },
  ];
  const rows: string[][] = [];
  for (const who of ['rep', 'admin'] as const) {
    for (const call of calls) {
      const { latency: l } = await timed(s, people[who], (n) => call.path(ids[who][n % ids[who].length]!));
      rows.push([call.label, who, ms(l.p50), ms(l.p95), ms(l.max)]);
    }
  }
  return rows;
}
