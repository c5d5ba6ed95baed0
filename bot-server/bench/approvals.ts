// `npm run bench -w @kelian/bot-server -- approvals` (or `BENCH=approvals npm run bench`): issue 14's
// two figures on the demo company through the real server (boot(), sandbox mode).
//  - Route evaluation of a 20-node flow with 10 conditions (target ≤ 20 ms): the pure evaluation,
//    and with the company's directory loaded from the database as a submission does it.
//  - 待我审批 for one approver holding 1,000 pending approvals among BENCH_OTHER_TASKS (20,000)
//    tasks of others, through HTTP (target p95 < 100 ms): the first page, and every page to the end.
// PostgreSQL when BENCH_DATABASE_URL is set (a throwaway database), otherwise embedded PGlite.
// BENCH_ROUNDS (200) evaluations and list rounds.
import type { FlowDefinition, FlowNode } from '@kelian/orm';
import type pg from 'pg';
import type { RunningServer } from '../src/boot.js';
import { loadDirectory } from '../src/domain/approvals/directory.js';
import { resolveRoute } from '../src/domain/approvals/route.js';
import { openBenchDatabase } from './database.js';
import { latency, loadAverage, ms, table } from './report.js';
import { type SandboxServer, startSandboxServer } from './sandbox-server.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 200);
const pendingCount = 1_000;
const otherTasks = Number(process.env.BENCH_OTHER_TASKS ?? 20_000);
const log = (line: string) => process.stderr.write(`${line}\n`);

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
let sandbox: SandboxServer | undefined;
try {
  sandbox = await startSandboxServer(db.url);
  const { server, pool } = sandbox;
  const routes = await measureRoutes(server, pool);
  log('routes measured');
  await loadPending(pool, await sandbox.userId('李娜'));
  log(`loaded ${pendingCount} pending approvals for 李娜 and ${otherTasks} tasks of others`);
  const pages = await measureBox(server, await sandbox.signIn('李娜'));
  console.log(`\nApprovals on the demo company, ${db.kind} (load average ${loadAverage()})\n`);
  console.log(
    table(['route evaluation, 20 nodes, 10 conditions', 'rounds', 'p50 ms', 'p95 ms', 'max ms'], routes),
  );
  console.log(
    `\n${table(['待我审批 (1,000 pending), through HTTP', 'requests', 'p50 ms', 'p95 ms', 'max ms'], pages)}\n`,
  );
} finally {
  await sandbox?.stop();
  await db.drop();
}

async function userId(p: pg.Pool, name: string): Promise<number> {
  return (await p.query<{ id: number }>('select id from app_user where name = $1', [name])).rows[0]!.id;
}

/**
 * Ten condition nodes in a row, each on another field (amount bands, dates, text, department,
 * role), each sending its matching branch to an approval step that leads to the next condition:
 * a document that matches every branch walks all twenty nodes.
 */
function twentyNodeFlow(gm: number): FlowDefinition {
  const nodes: FlowNode[] = [];
  const conditions = [
    { field: 'amountCents', op: 'gt', value: [1] },
    { field: 'amountCents', op: 'between', value: [1, 10_000_000_000] },
    { field: 'startDate', op: 'gte', value: ['2027-01-01'] },
    { field: 'endDate', op: 'lte', value: ['2028-12-31'] },
    { field: 'name', op: 'contains', value: ['框架'] },
    { field: 'number', op: 'ne', value: ['HT-0'] },
    { field: 'customerName', op: 'contains', value: ['公司'] },
    { field: 'submitter', op: 'in_role', value: ['sales'] },
    { field: 'submitter', op: 'in_department', value: [1, 2, 3] },
    { field: 'amountCents', op: 'lte', value: [10_000_000_000] },
  ] as const;
  conditions.forEach((c, i) => {
    nodes.push({
      id: `c${i}`,
      kind: 'condition',
      name: `条件${i + 1}`,
      branches: [{ name: '是', when: [{ ...c, value: [...c.value] }], next: `s${i}` }],
      otherwise: null,
    });
    nodes.push({
      id: `s${i}`,
      kind: 'approve',
      name: `审批${i + 1}`,
      approvers: i % 2 === 0 ? { type: 'manager_chain', upTo: 3 } : { type: 'user', userIds: [gm] },
      mode: 'any',
      next: i + 1 < conditions.length ? `c${i + 1}` : null,
    });
  });
  return { start: 'c0', nodes };
}

async function measureRoutes(s: RunningServer, p: pg.Pool) {
  const definition = twentyNodeFlow(await userId(p, '王建国'));
  const input = {
    definition,
    onNoApprover: 'admin' as const,
    submitterId: await userId(p, '张伟'),
    values: {
      amountCents: 60_000_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      name: '年度框架合同',
      number: 'HT-1',
      customerName: '北京云帆科技有限公司',
    },
  };
  const org = await loadDirectory(s.orm.em.fork());
  const steps = resolveRoute(input, org);
  if (steps.length !== 10) throw new Error(`expected 10 steps, got ${steps.length}`);
  const pure: number[] = [];
  const loaded: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    resolveRoute(input, org);
    pure.push(performance.now() - t);
    t = performance.now();
    resolveRoute(input, await loadDirectory(s.orm.em.fork()));
    loaded.push(performance.now() - t);
  }
  return [
    ['evaluation alone', pure],
    ['with the directory loaded (a submission)', loaded],
  ].map(([label, samples]) => {
    const l = latency(samples as number[]);
    return [label as string, String(rounds), ms(l.p50), ms(l.p95), ms(l.max)];
  });
}

/**
 * 1,000 pending contract approvals waiting for 李娜, and `otherTasks` tasks of the other people
 * (pending, decided, CC), written straight to the tables as many submissions would have left them.
 */
async function loadPending(p: pg.Pool, approver: number) {
  const { rows: users } = await p.query<{ id: number }>(
    'select id from app_user where id <> $1 order by id',
    [approver],
  );
  const { rows: flows } = await p.query<{ id: number }>(
    "select id from approval_flow where doc_type = 'contract'",
  );
  const customer = (await p.query<{ id: number }>('select id from customer order by id limit 1')).rows[0]!.id;
  const runs = pendingCount + otherTasks;
  await p.query(
    `insert into contract (number, name, customer_id, amount_cents, start_date, end_date, status, created_at, updated_at)
     select 'HT-BENCH-' || i, '年度框架合同', $2, 10000000 + i, '2027-01-01', '2027-12-31', 'pending', now(), now()
       from generate_series(1, $1::int) i`,
    [runs, customer],
  );
  await p.query(
    `insert into approval_instance (flow_id, doc_type, doc_id, title, submitter_id, status, snapshot, route, current_step, created_at)
     select $1, 'contract', c.id, '合同「年度框架合同」（' || c.number || '）', ($2::int[])[1 + c.id % array_length($2::int[], 1)],
            'pending', '{}', '[{"nodeId":"manager","name":"销售主管审批","kind":"approve","mode":"any","approverIds":[]}]', 0, now()
       from contract c where c.number like 'HT-BENCH-%'`,
    [flows[0]!.id, users.map((u) => u.id)],
  );
  // The first 1,000 runs wait for the approver; the others are other people's, in every state.
  await p.query(
    `insert into approval_task (instance_id, step, position, approver_id, status, created_at)
     select i.id, 0, 0,
            case when n <= $1 then $2 else ($3::int[])[1 + i.id % array_length($3::int[], 1)] end,
            case when n <= $1 then 'pending' else (array['pending', 'approved', 'skipped', 'notified'])[1 + i.id % 4] end,
            now()
       from (select id, row_number() over (order by id) as n from approval_instance) i`,
    [pendingCount, approver, users.map((u) => u.id)],
  );
  await p.query('vacuum analyze approval_task');
  await p.query('vacuum analyze approval_instance');
}

async function measureBox(s: RunningServer, token: string) {
  const get = async (query: string) => {
    const t = performance.now();
    const res = await fetch(`${s.url}/api/approvals?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    if (res.status !== 200) throw new Error(`GET /api/approvals?${query}: ${res.status}`);
    return { ms: performance.now() - t, body };
  };
  const first: number[] = [];
  for (let i = 0; i < rounds; i++) first.push((await get('box=pending&limit=20')).ms);
  const all: number[] = [];
  let seen = 0;
  for (let round = 0; round < 3; round++) {
    let cursor: string | null = null;
    do {
      const page = await get(`box=pending&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(page.ms);
      seen += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
  }
  if (seen !== 3 * pendingCount)
    throw new Error(`listed ${seen / 3} pending approvals, expected ${pendingCount}`);
  return [
    ['first page (limit 20)', first],
    ['every page, limit 50, to the end', all],
  ].map(([label, samples]) => {
    const l = latency(samples as number[]);
    return [label as string, String((samples as number[]).length), ms(l.p50), ms(l.p95), ms(l.max)];
  });
}
