// `npm run bench -w @kelian/bot-server -- lists` (or `BENCH=lists npm run bench`): issue 13's list
// routes at scale. The demo company grows to BENCH_ROWS (100,000) customers, leads, deals, stage
// changes, tasks, follow-ups and audit entries over 260 people (test/support/scale-data.ts, the
// plan test's data), then every list's first page is asked through HTTP (the real server, boot(),
// sandbox mode) BENCH_ROUNDS (30) times for a rep, a manager and the administrator: p50/p95/max.
// The goal: p95 < 50 ms. PostgreSQL when BENCH_DATABASE_URL is set (a throwaway database),
// otherwise embedded PGlite. The pipeline board, which is not paged, is timed once per person.
import { loadavg } from 'node:os';
import { fillCompany } from '../test/support/scale-data.js';
import { openBenchDatabase } from './database.js';
import { latency, ms, table } from './report.js';
import { type SandboxServer, startSandboxServer } from './sandbox-server.js';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const log = (line: string) => process.stderr.write(`${line}\n`);

type Who = 'rep' | 'manager' | 'admin';
const people: Record<Who, string> = { rep: '张伟', manager: '李娜', admin: '徐明' };

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
let sandbox: SandboxServer | undefined;
try {
  sandbox = await startSandboxServer(db.url);
  const started = performance.now();
  await fillCompany(sandbox.pool, rows);
  log(
    `filled ${rows.toLocaleString('en')} rows per table in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const tokens = {} as Record<Who, string>;
  for (const who of Object.keys(people) as Who[]) tokens[who] = await sandbox.signIn(people[who]);
  const zhang = await sandbox.userId(people.rep);
  const { rows: busiest } = await sandbox.pool.query<{ id: number }>(
    `select customer_id as id from follow_up f join customer c on c.id = f.customer_id
      where c.owner_id = $1 group by customer_id order by count(*) desc limit 1`,
    [zhang],
  );
  const everyone: Who[] = ['rep', 'manager', 'admin'];
  const cases: { path: string; who: Who[]; rounds?: number }[] = [
    { path: '/api/customers', who: everyone },
    { path: '/api/customers?owner=me', who: ['rep'] },
    { path: '/api/customers?sort=name', who: everyone },
    { path: `/api/customers/${busiest[0]!.id}/timeline`, who: everyone },
    { path: '/api/leads?view=mine', who: ['rep'] },
    { path: '/api/leads?view=pool', who: everyone },
    { path: '/api/leads?view=all', who: everyone },
    { path: '/api/opportunities', who: everyone },
    { path: '/api/opportunities?status=open', who: everyone },
    { path: '/api/tasks?view=today', who: ['rep'] },
    { path: '/api/tasks?view=done', who: ['rep'] },
    { path: `/api/tasks?view=open&assignee=${zhang}`, who: ['manager'] },
    { path: '/api/audit', who: ['admin'] },
    { path: `/api/audit?actor=${zhang}`, who: ['admin'] },
    { path: '/api/admin/users', who: ['admin'] },
    { path: '/api/customers/grid', who: everyone },
    { path: '/api/leads/grid', who: everyone },
    { path: '/api/opportunities/grid', who: everyone },
    { path: '/api/opportunities/board', who: everyone, rounds: 1 },
  ];
  const lines: string[][] = [];
  for (const c of cases)
    for (const who of c.who) lines.push(await measure(sandbox, tokens[who], who, c.path, c.rounds ?? rounds));
  const busy = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  console.log(
    `\nList routes, first page, ${rows.toLocaleString('en')} rows per large table, ${db.kind}, through HTTP (load average ${busy})\n`,
  );
  console.log(`${table(['first page', 'who', 'items', 'rounds', 'p50 ms', 'p95 ms', 'max ms'], lines)}\n`);
} finally {
  await sandbox?.stop();
  await db.drop();
}

/** One warm-up request, then `n` timed ones, one after another. */
async function measure(s: SandboxServer, token: string, who: Who, path: string, n: number) {
  const get = async () => {
    const res = await fetch(`${s.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${who} ${path}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { items?: unknown[]; columns?: { items: unknown[] }[] };
    return body.items?.length ?? body.columns?.reduce((sum, c) => sum + c.items.length, 0) ?? 0;
  };
  let items = await get();
  const times: number[] = [];
  for (let round = 0; round < n; round++) {
    const started = performance.now();
    items = await get();
    times.push(performance.now() - started);
  }
  const l = latency(times);
  log(`${who} ${path}: p50 ${ms(l.p50)} ms, p95 ${ms(l.p95)} ms`);
  return [path, who, String(items), String(n), ms(l.p50), ms(l.p95), ms(l.max)];
}
