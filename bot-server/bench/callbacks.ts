// `npm run bench -w @kelian/bot-server -- callbacks` (or `BENCH=callbacks npm run bench`): the WeCom
// callback path of issue 11. PostgreSQL when BENCH_DATABASE_URL is set (a throwaway database is
// created and dropped), otherwise embedded PGlite in this process, as `npm start` runs it.
//  1. POST /wecom/callback at 50 connections as fast as answers come: a bare handler (verify,
//     decrypt, parse, empty 200; no database) against the real server (boot(), sandbox mode: verify,
//     decrypt, inbox insert with dedupe + durable job in one transaction, answer), the bare one
//     first, alone in the process; then (last) the real server at a fixed 1,000 callbacks/s (open
//     loop).
//  2. Before the real server's runs of 1: the callback answer at a steady 200/s (BENCH_SLOW_RATE)
//     with the platform answering normally, then with every WeCom API call taking 2 s (sandbox
//     failure switches): the answer must not wait for the platform. Each run's messages come from
//     its own half of the demo users, so that the slow run has answers to send (WeCom windows).
// Every request to the real server is a distinct text message from a demo user, sealed before the
// timed part by the load generator, which runs in a worker thread. The job workers run throughout.
// BENCH_SECONDS (12) sets each timed phase, BENCH_RATE (1000) and BENCH_SLOW_RATE (200) the fixed
// rates, BENCH_LOG_LEVEL (silent) the server's log level (lines go to /dev/null).
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '@kelian/config';
import { demoUsers } from '@kelian/orm';
import pg from 'pg';
import { pino } from 'pino';
import { boot, type RunningServer } from '../src/boot.js';
import { createLogger } from '../src/logger.js';
import { type BareServer, startBareServer } from './callbacks-bare.js';
import type { LoadCommand, LoadResult, LoadSetup } from './callbacks-load.js';
import { openBenchDatabase } from './database.js';
import { ms, table } from './report.js';
import { benchWorkers } from './workers-mode.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 12);
const fixedRate = Number(process.env.BENCH_RATE ?? 1000);
const slowRate = Number(process.env.BENCH_SLOW_RATE ?? 200);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'silent';
const connections = 50;
const warmUpSeconds = 2;
const platformLatencyMs = 2000;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A run's answers plus how busy each event loop was meanwhile (0..1). */
interface Measured extends LoadResult {
  serverBusy: number;
  generatorBusy: number;
}

/** Drives the load generator (a worker thread) and measures both event loops around each run. */
class LoadGenerator {
  readonly #worker: Worker;
  #next = 0;
  readonly #pending = new Map<number, (r: LoadResult) => void>();

  constructor(setup: LoadSetup) {
    this.#worker = new Worker(new URL('./callbacks-load.ts', import.meta.url), { workerData: setup });
    this.#worker.on('message', ({ id, result }: { id: number; result: LoadResult }) => {
      this.#pending.get(id)?.(result);
      this.#pending.delete(id);
    });
    this.#worker.on('error', (err) => {
      log(`load generator failed: ${err.stack ?? err}`);
      process.exit(1);
    });
  }

  run(command: LoadCommand): Promise<LoadResult> {
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#worker.postMessage({ id, command });
    });
  }

  async measured(command: LoadCommand): Promise<Measured> {
    const server = performance.eventLoopUtilization();
    const generator = this.#worker.performance.eventLoopUtilization();
    const r = await this.run(command);
    return {
      ...r,
      serverBusy: performance.eventLoopUtilization(server).utilization,
      generatorBusy: this.#worker.performance.eventLoopUtilization(generator).utilization,
    };
  }

  async seal(lot: string, count: number, users?: string[]): Promise<void> {
    const r = await this.run({ kind: 'seal', lot, count, users });
    log(`  sealed ${count} callbacks for ${lot} in ${((r.sealMs ?? 0) / 1000).toFixed(1)} s (not timed)`);
  }

  async terminate(): Promise<void> {
    await this.run({ kind: 'close' });
    await this.#worker.terminate();
  }
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Events the job workers have handled, and those waiting; read between runs, never during one. */
async function inboxCounts(client: pg.Client): Promise<{ handled: number; waiting: number }> {
  const { rows } = await client.query<{ handled: number; waiting: number }>(
    `select count(*) filter (where processed_at is not null)::int as handled,
            count(*) filter (where processed_at is null)::int as waiting from inbox_event`,
  );
  return rows[0]!;
}

/** Waits (at most `ms`) until no job is due or running: the start-up syncs and scans are done. */
async function settle(client: pg.Client, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job
        where state = 'active' or (state in ('created', 'retry') and start_after <= now())`,
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Waits (at most `ms`) until the workers have handled every stored event. */
async function drained(client: pg.Client, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && (await inboxCounts(client)).waiting > 0) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
const config = loadConfig({
  env: { PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: logLevel, SANDBOX: 'true' },
  envFile: false,
});
const wecom = config.wecom!;
const loadBefore = loadavg();
let load: LoadGenerator | undefined;
let server: RunningServer | undefined;
let bare: BareServer | undefined;
let client: pg.Client | undefined;
const rows: string[][] = [];
try {
  load = new LoadGenerator({
    token: wecom.token,
    encodingAesKey: wecom.encodingAesKey,
    corpId: wecom.corpId,
    agentId: wecom.agentId,
    users: demoUsers.map((u) => u.wecom),
  });
  const closed = (url: string, lot: string, s: number, reuse: boolean) =>
    load!.measured({ kind: 'closed', url, lot, connections, seconds: s, reuse });

  // 1a. The bare handler first, alone in this process (Kelian's background work would slow it).
  bare = await startBareServer(wecom);
  log(`bare handler: ${connections} connections, ${warmUpSeconds} s warm-up, ${seconds} s measured`);
  await load.seal('bare', 20_000);
  await closed(bare.url, 'bare', warmUpSeconds, true);
  const bareRun = await closed(bare.url, 'bare', seconds, true);
  await bare.close();
  bare = undefined;
  const loadAfterBare = loadavg();

  log('booting Kelian…');
  server = await boot(config, {
    logger: createLogger(logLevel, pino.destination({ dest: '/dev/null', sync: true })),
    workers: benchWorkers,
  });
  client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  await settle(client, 30_000);
  const full = server.url;
  const row = (label: string, loadLabel: string, r: Measured, background = '-') => {
    const sorted = Float64Array.from(r.latencies).sort();
    rows.push([
      label,
      loadLabel,
      String(r.requests),
      ((r.requests - r.non200) / r.seconds).toFixed(0),
      ms(percentile(sorted, 0.5)),
      ms(percentile(sorted, 0.99)),
      ms(percentile(sorted, 1)),
      String(r.non200),
      pct(r.serverBusy),
      pct(r.generatorBusy),
      background,
    ]);
    for (const e of r.errors.slice(0, 3)) log(`  ${label}: ${e}`);
    return r;
  };
  /** Runs `run` and says what the job workers did meanwhile. */
  const withInbox = async (run: () => Promise<Measured>): Promise<[Measured, string]> => {
    const before = await inboxCounts(client!);
    const r = await run();
    const after = await inboxCounts(client!);
    return [r, `${after.handled - before.handled} / ${after.waiting}`];
  };

  row('bare handler (verify, decrypt, parse)', `${connections} conns`, bareRun);

  // Fixed schedules: a light warm-up of the connections, then the measured run; what is not answered
  // 10 s after the last scheduled start is abandoned (counted as not 200).
  const notes: string[] = [];
  const open = async (label: string, rate: number, users?: string[]) => {
    await load!.seal('open', Math.ceil(Math.min(rate, 50) + rate * seconds), users);
    await load!.run({
      kind: 'open',
      url: full,
      lot: 'open',
      rate: Math.min(rate, 50),
      seconds: 1,
      connections: 1000,
      graceSeconds: 10,
    });
    const [r, background] = await withInbox(() =>
      load!.measured({
        kind: 'open',
        url: full,
        lot: 'open',
        rate,
        seconds,
        connections: 1000,
        graceSeconds: 10,
      }),
    );
    // Every abandoned request is over 5 s too (abandoned ≥ 10 s after its start): only answers count.
    const late = r.latencies.filter((l) => l > 5000).length - r.unanswered;
    const lateness = Float64Array.from(r.lateness ?? []).sort();
    notes.push(
      `${label}: ${r.unanswered} not answered 10 s after the last start (abandoned), ${late} answered after WeCom's 5 s; the generator started requests p99 ${ms(percentile(lateness, 0.99))} ms, max ${ms(percentile(lateness, 1))} ms after their scheduled time.`,
    );
    return row(label, `${rate}/s open`, r, background);
  };

  // 2. Answer time while every WeCom API call takes 2 s, against the same rate without latency,
  // first: later runs leave thousands of events whose answers book every demo user's WeCom window
  // (30 a minute) for many minutes, and then the slow run would have nothing to send.
  const sandbox = server.sandbox!;
  const lastSeq = () => sandbox.state.messages.list({ platform: 'wecom' }).at(-1)?.seq ?? 0;
  const sentSince = (seq: number) => sandbox.state.messages.list({ platform: 'wecom', after: seq }).length;
  // Each half of the demo users writes in one of the two runs: the answers of a run fill its writers'
  // WeCom windows (30 a minute each) for minutes, and the slow run must have answers to send.
  const wecomUsers = demoUsers.map((u) => u.wecom);
  const halves = [wecomUsers.filter((_, i) => i % 2 === 0), wecomUsers.filter((_, i) => i % 2 === 1)];
  log(`${slowRate}/s for ${seconds} s, platform normal`);
  let seq = lastSeq();
  await open('full path, platform API normal', slowRate, halves[0]);
  const sentNormal = sentSince(seq);
  // The workers first finish the normal run's events (whose answers wait for their writers' windows),
  // so that the slow run's own events, and their answers, are handled while it lasts.
  await drained(client, 300_000);
  const armed = 5;
  for (let i = 0; i < armed; i++) {
    const res = await fetch(`${full}/sandbox/api/switches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'wecom', api: '*', times: 1000, latencyMs: platformLatencyMs }),
    });
    if (res.status !== 201) throw new Error(`arming a switch answered ${res.status}: ${await res.text()}`);
  }
  log(`${slowRate}/s for ${seconds} s, every WeCom API call ${platformLatencyMs} ms`);
  seq = lastSeq();
  await open(`full path, every WeCom API call ${platformLatencyMs / 1000} s`, slowRate, halves[1]);
  const sentSlow = sentSince(seq);
  const left = (await (await fetch(`${full}/sandbox/api/switches`)).json()) as {
    switches: { remaining: number }[];
  };
  const slowed = armed * 1000 - left.switches.reduce((n, s) => n + s.remaining, 0);
  await fetch(`${full}/sandbox/api/switches`, { method: 'DELETE' });

  // 1b. The full path at 50 connections.
  log(`full path: ${connections} connections, ${warmUpSeconds} s warm-up, ${seconds} s measured`);
  await load.seal('full', 4_000);
  const warm = await closed(full, 'full', warmUpSeconds, false);
  await load.seal('full', Math.ceil((warm.requests / warm.seconds) * seconds * 1.6) + 2_000);
  const loadBeforeFull = loadavg();
  const fullRun = row(
    'full path (inbox + job)',
    `${connections} conns`,
    ...(await withInbox(() => closed(full, 'full', seconds, false))),
  );
  const ratio = fullRun.requests / fullRun.seconds / (bareRun.requests / bareRun.seconds);

  // 1c. Full path on a fixed schedule, last: an overload leaves work behind.
  log(`fixed ${fixedRate}/s for ${seconds} s`);
  await open('full path, fixed rate', fixedRate);

  const workersWhere =
    benchWorkers === 'thread'
      ? "Kelian's background workers a thread of their own"
      : "Kelian's background workers share its thread";
  const where =
    db.kind === 'pglite'
      ? `the server (Koa or bare) has the main thread, ${workersWhere}, PGlite a thread of its own and the load generator another, on 2 cores`
      : `the server (Koa or bare) has the main thread, ${workersWhere}, the load generator its own worker thread; the PostgreSQL server processes compete for the same 2 cores`;
  const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
  console.log(
    `\nWeCom callback path, ${db.kind === 'pglite' ? 'embedded PGlite (in this process)' : 'PostgreSQL'}`,
  );
  console.log(
    `${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}: ${where}.`,
  );
  console.log(
    `Machine load average before ${la(loadBefore)}, after ${la(loadavg())} (other work on the machine competes for the cores).`,
  );
  console.log(
    `"200s/s": answers 200 per second of the run (for fixed rates including the wait for the last answers). Server log level ${logLevel}. The job workers (pg-boss) run throughout, as in production; "handled / waiting": events they finished during the run / events still waiting after it.`,
  );
  console.log(
    '"server" and "generator": event loop utilisation of each thread during the run (share of time not waiting for I/O; on a crowded machine it includes waiting for a core).\n',
  );
  console.log(
    table(
      [
        'run',
        'load',
        'requests',
        '200s/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'non-200',
        'server',
        'generator',
        'handled / waiting',
      ],
      rows,
    ),
  );
  console.log(
    `\nfull / bare at ${connections} connections: ${pct(ratio)} (target ≥ 60 %); each after a ${warmUpSeconds} s warm-up; load average after the bare run ${la(loadAfterBare)}, before the full run ${la(loadBeforeFull)}.`,
  );
  console.log(
    'Fixed rates: open loop (a timer in the worker starts each request on schedule whatever the answers, up to 1000 connections open; latency counted from the scheduled start; 1 s warm-up at ≤50/s first).',
  );
  for (const note of notes) console.log(`  ${note}`);
  console.log(
    `Slow platform: ${slowed} WeCom API calls took ${platformLatencyMs} ms during that run; messages Kelian sent to WeCom: ${sentSlow} during the run (${sentNormal} in the normal one).`,
  );
} finally {
  await load?.terminate();
  await bare?.close();
  await client?.end();
  await server?.stop();
  await db.drop();
}
// pg-boss and the sandbox may keep timers alive for a while after stop.
process.exit(0);
