// `npm run bench -w @kelian/bot-server -- approval-cards`: issue 14's "a decision reflected on every
// copy of the card ≤ 5 s p95 in the sandbox", on the demo company through the real server (boot(),
// sandbox mode). Each round 张伟 submits a ¥600,000 contract; once 李娜's card is in her WeCom chat
// she clicks 同意 on it, and the clock runs until every copy people have (李娜's, 张伟's and the two
// finance approvers', on WeCom and DingTalk: eight) says "李娜 已同意 · 1/3". The cards refresh a
// second after a change on purpose (card-jobs.ts: changes in quick succession become one update).
// PostgreSQL when BENCH_DATABASE_URL is set (a throwaway database), otherwise embedded PGlite.
// BENCH_ROUNDS (20) rounds.
import type { Sandbox } from '../src/sandbox/index.js';
import { openBenchDatabase } from './database.js';
import { latency, loadAverage, ms, table } from './report.js';
import { type SandboxServer, startSandboxServer } from './sandbox-server.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const copies = 8;
const log = (line: string) => process.stderr.write(`${line}\n`);

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
let sandbox: SandboxServer | undefined;
try {
  sandbox = await startSandboxServer(db.url);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) samples.push(await oneRound(sandbox, round));
  const l = latency(samples);
  console.log(`\nApproval cards on the demo company, ${db.kind} (load average ${loadAverage()})\n`);
  console.log(
    table(
      ['click 同意 → every copy updated (8 copies, 2 platforms)', 'rounds', 'p50 ms', 'p95 ms', 'max ms'],
      [['李娜 已同意 · 1/3', String(samples.length), ms(l.p50), ms(l.p95), ms(l.max)]],
    ),
  );
  console.log('');
} finally {
  await sandbox?.stop();
  await db.drop();
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, limitMs = 60_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function oneRound(s: SandboxServer, round: number): Promise<number> {
  const { server, pool } = s;
  const state = (server.sandbox as Sandbox).state;
  const token = await s.signIn('张伟');
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const zhangwei = await s.userId('张伟');
  const lina = await s.userId('李娜');
  const { rows } = await pool.query<{ id: number }>('select id from customer where owner_id = $1 limit 1', [
    zhangwei,
  ]);
  const contract = await call('/api/contracts', {
    customerId: rows[0]!.id,
    number: `HT-BENCH-${Date.now()}-${round}`,
    name: '年度框架合同',
    amountCents: 60_000_000,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
  });
  const run = (await call(`/api/contracts/${contract.id}/submit`, {})).approvalId as number;
  const current = async () =>
    (
      await pool.query<{ card_id: string; platform: string }>(
        `select card_id, platform from card_instance
          where object_type = 'approval' and object_id = $1 and replaced_by is null`,
        [String(run)],
      )
    ).rows;
  const card = await until(
    async () =>
      (await current()).find(
        (c) => c.platform === 'wecom' && c.card_id.startsWith(`approval-${run}-s0u${lina}-`),
      )?.card_id,
    "李娜's card",
  );
  const started = performance.now();
  await server.sandbox!.actions.clickWeComCard({
    user: 'LiNa',
    taskId: card,
    key: `approval.approve:${run}:0`,
  });
  await until(async () => {
    const shown = (await current()).flatMap((c) =>
      c.platform === 'wecom'
        ? Object.values(state.wecom.cards.views(c.card_id)).map((v) => JSON.stringify(v.card))
        : Object.values(state.dingtalk.cards.views(c.card_id)).map((v) => JSON.stringify(v.params)),
    );
    return shown.length >= copies && shown.every((c) => c.includes('李娜 已同意 · 1/3')) ? true : undefined;
  }, 'every copy updated');
  const took = performance.now() - started;
  log(`round ${round + 1}: ${ms(took)} ms`);
  return took;
}
