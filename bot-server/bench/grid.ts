// `npm run bench -w @kelian/bot-server -- grid` (or `BENCH=grid npm run bench`): the desktop grid of
// issue 19 on 1,000,000 customers (BENCH_CUSTOMERS), through the real server (boot(), sandbox
// mode: HTTP, a session, the data scope, the presenter). PostgreSQL when BENCH_DATABASE_URL is set
// (a throwaway database), otherwise embedded PGlite. Prints the first page of 100 rows per kind of
// sort and filter, for the administrator, a manager and a rep, batch edits of 1,000 rows, and the
// admin console's role preview (what a person sees under a role's unsaved rules: list and record).
import type pg from 'pg';
import type { RunningServer } from '../src/boot.js';
import { openBenchDatabase } from './database.js';
import { latency, loadAverage, ms, table } from './report.js';
import { type SandboxServer, salesReps, startSandboxServer } from './sandbox-server.js';

const total = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const chunk = 100_000;
const log = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
let sandbox: SandboxServer | undefined;
try {
  sandbox = await startSandboxServer(db.url);
  const { server, pool } = sandbox;
  await load(pool);
  const sessions = {
    admin: await sandbox.signIn('徐明'),
    manager: await sandbox.signIn('李娜'),
    rep: await sandbox.signIn('张伟'),
  };
  const zhang = await sandbox.userId('张伟');
  const pages = await measurePages(server, sessions, zhang);
  const batches = await measureBatches(server, pool, sessions.admin, zhang);
  const previews = await measurePreviews(server, sandbox, sessions.admin);
  console.log(
    `\nCustomers grid on ${total.toLocaleString('en')} customers, ${db.kind}, through HTTP (load average ${loadAverage()})\n`,
  );
  console.log(table(['first page (limit 100)', 'who', 'rows', 'p50 ms', 'p95 ms', 'max ms'], pages));
  console.log(`\n${table(['batch edit of 1,000 customers', 'rounds', 'p50 ms', 'max ms'], batches)}`);
  console.log(
    `\n${table(['role preview (phones hidden, unsaved)', 'rounds', 'p50 ms', 'p95 ms', 'max ms'], previews)}\n`,
  );
} finally {
  await sandbox?.stop();
  await db.drop();
}

/**
 * The demo's reps own the customers (one in a hundred sits in the pool), levels A/B/C, times spread
 * over a year at millisecond precision (as the server writes them). Secondary indexes are dropped
 * for the load and built again, then VACUUM ANALYZE, as an import would do it.
 */
async function load(p: pg.Pool) {
  const reps = await salesReps(p);
  const { rows: indexes } = await p.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
      where tablename = 'customer' and indexdef not like 'CREATE UNIQUE %'`,
  );
  for (const i of indexes) await p.query(`drop index "${i.name}"`);
  const started = performance.now();
  for (let from = 1; from <= total; from += chunk) {
    await p.query(
      `insert into customer (kind, name, level, industry, region, city, source, owner_id, custom_fields, created_at, updated_at)
       select case when i % 5 = 0 then 'person' else 'company' end, '客户' || i,
              (array['A', 'B', 'B', 'C', 'C'])[1 + i % 5], (array['制造', '软件', '医疗', '物流'])[1 + i % 4],
              (array['北京', '上海', '广东', '浙江', '江苏'])[1 + i % 5], '城市' || (i % 50), '展会',
              case when i % 100 = 0 then null else ($3::int[])[1 + i % array_length($3::int[], 1)] end,
              '{}', date_trunc('milliseconds', now() - (i % 525600) * interval '1 minute'),
              date_trunc('milliseconds', now() - ((i::bigint * 7919) % 31536000) * interval '1 second')
         from generate_series($1::int, $2::int) i`,
      [from, Math.min(total, from + chunk - 1), reps.map((r) => r.id)],
    );
    log(`loaded ${Math.min(total, from + chunk - 1)} customers, ${seconds(started)}`);
  }
  const indexing = performance.now();
  for (const i of indexes) await p.query(i.definition);
  log(`built ${indexes.length} indexes in ${seconds(indexing)}`);
  await p.query('vacuum analyze customer');
}

type Sessions = Record<'admin' | 'manager' | 'rep', string>;

async function measurePages(s: RunningServer, sessions: Sessions, zhang: number) {
  const levelA = [{ column: 'level', op: 'eq', value: 'A' }];
  const cases: { label: string; who: keyof Sessions; query: string }[] = [
    { label: 'newest first (-updatedAt)', who: 'admin', query: 'sort=-updatedAt' },
    { label: 'level = A, -updatedAt', who: 'admin', query: `sort=-updatedAt&filters=${enc(levelA)}` },
    {
      label: 'owner = 张伟, -updatedAt',
      who: 'admin',
      query: `sort=-updatedAt&filters=${enc([{ column: 'owner', op: 'in', value: [zhang] }])}`,
    },
    { label: 'by name', who: 'admin', query: 'sort=name' },
    { label: 'oldest first (createdAt)', who: 'admin', query: 'sort=createdAt' },
    { label: 'level = A, -updatedAt', who: 'manager', query: `sort=-updatedAt&filters=${enc(levelA)}` },
    { label: 'newest first (-updatedAt)', who: 'rep', query: 'sort=-updatedAt' },
    { label: 'level = A, -updatedAt', who: 'rep', query: `sort=-updatedAt&filters=${enc(levelA)}` },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const url = `${s.url}/api/customers/grid?limit=100&${c.query}`;
    const get = async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${sessions[c.who]}` } });
      if (res.status !== 200) throw new Error(`${c.label}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { items: unknown[] }).items.length;
    };
    await get();
    const times: number[] = [];
    let got = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      got = await get();
      times.push(performance.now() - started);
    }
    const l = latency(times);
    rows.push([c.label, c.who, String(got), ms(l.p50), ms(l.p95), ms(l.max)]);
  }
  return rows;
}

function enc(filters: unknown): string {
  return encodeURIComponent(JSON.stringify(filters));
}

/** The administrator hands 1,000 customers to 张伟 and back, and sets their level, each in one request. */
async function measureBatches(s: RunningServer, p: pg.Pool, token: string, zhang: number) {
  const batches = 5;
  const rows: string[][] = [];
  const { rows: owned } = await p.query<{ id: number; owner_id: number }>(
    `select id, owner_id from customer where owner_id is not null and owner_id <> $1 and deleted_at is null order by id limit $2`,
    [zhang, batches * 1000],
  );
  const run = async (label: string, body: (ids: number[], n: number) => object) => {
    const times: number[] = [];
    for (let n = 0; n < batches; n++) {
      const ids = owned.slice(n * 1000, (n + 1) * 1000).map((r) => r.id);
      const started = performance.now();
      const res = await fetch(`${s.url}/api/customers/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ids, ...body(ids, n) }),
      });
      const answer = (await res.json()) as { changed?: number[] };
      times.push(performance.now() - started);
      if (answer.changed?.length !== 1000)
        throw new Error(`${label}: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    }
    const l = latency(times);
    rows.push([label, String(batches), ms(l.p50), ms(l.max)]);
  };
  await run('owner → 张伟', () => ({ ownerId: zhang }));
  await run('level → A', () => ({ level: 'A' }));
  await run('add a tag', () => ({ addTagIds: [1] }));
  return rows;
}

/**
 * The role editor's preview, as the console asks for it while an administrator edits: the role's
 * current rules with customers' phones hidden, for a rep (销售, own customers), a manager (销售主管,
 * her department's) and the administrator (everyone's).
 */
async function measurePreviews(s: RunningServer, sandbox: SandboxServer, token: string) {
  const roles = (await (
    await fetch(`${s.url}/api/roles`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    items: {
      id: number;
      code: string | null;
      defaultScope: string;
      rights: object;
      fieldRules: Record<string, object>;
    }[];
  };
  const cases = [
    { who: '张伟', code: 'sales' },
    { who: '李娜', code: 'manager' },
    { who: '徐明', code: 'admin' },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const role = roles.items.find((r) => r.code === c.code)!;
    const body = JSON.stringify({
      userId: await sandbox.userId(c.who),
      roleId: role.id,
      defaultScope: role.defaultScope,
      rights: role.rights,
      fieldRules: { ...role.fieldRules, customer: { ...role.fieldRules.customer, phone: 'hidden' } },
    });
    const preview = async () => {
      const res = await fetch(`${s.url}/api/roles/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`preview ${c.who}: ${res.status} ${await res.text()}`);
      await res.json();
    };
    await preview();
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      await preview();
      times.push(performance.now() - started);
    }
    const l = latency(times);
    rows.push([`${c.who} (${c.code})`, String(rounds), ms(l.p50), ms(l.p95), ms(l.max)]);
  }
  return rows;
}
