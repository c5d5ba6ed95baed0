// `npm run bench -w @kelian/bot-server -- users`: issue 13's concurrent people and memory, on the
// demo company (sandbox mode) served by the real server (boot()) in this process, PostgreSQL when
// BENCH_DATABASE_URL is set, otherwise embedded PGlite in this process, as `npm start` runs it.
// Three rounds, each:
//  1. 10,000 WeCom callbacks (distinct text messages from the demo users) at 50 connections, and
//     the job workers drain them;
//  2. 20 people signed in at once (BENCH_PEOPLE), each in a loop: the customer list, a customer's
//     360° view, a new follow-up, for BENCH_SECONDS (20); p50/p95/p99 per step; twice: first as
//     people at their phones (BENCH_THINK_MS, 1,000 ms on average between two taps, already quicker
//     than anyone reads a list or types a follow-up), then back to back (no pause at all).
// After each round: the process's memory (RSS, V8 heap). The figures: p95 < 100 ms for each step, and
// RSS ≤ 400 MB that does not grow from round to round. The load generators run in child processes,
// so the memory is the server's (with PGlite: the server's and the embedded database's, as under
// `npm start`). Back to back, the 20 people are a closed loop (users-load.ts): 20 requests are in the
// server at every moment, the server's saturation rather than 20 people reading and typing.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@kelian/config';
import { demoUsers } from '@kelian/orm';
import pg from 'pg';
import { pino } from 'pino';
import { boot, type RunningServer } from '../src/boot.js';
import { createLogger } from '../src/logger.js';
import type { LoadCommand, LoadResult } from './callbacks-load.js';
import { openBenchDatabase } from './database.js';
import { latency, ms, table } from './report.js';
import type { Person, Step, UsersCommand, UsersResult } from './users-load.js';
import { benchWorkers } from './workers-mode.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const peopleCount = Number(process.env.BENCH_PEOPLE ?? 20);
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 1000);
const callbacksPerRound = Number(process.env.BENCH_CALLBACKS ?? 10_000);
const rounds = 3;
const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * A load generator in a child process (load-channel.ts) answering `{ id, command }` messages with
 * `{ id, result }`: apart from the server, so that the process's memory is the server's alone.
 */
function generator<C, R>(file: string, setup: unknown) {
  // The same Node with the same loader flags (tsx, --conditions) as this process.
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: process.execArgv,
    env: { ...process.env, LOAD_SETUP: JSON.stringify(setup) },
    serialization: 'advanced',
  });
  let next = 0;
  const pending = new Map<number, (r: R) => void>();
  child.on('message', ({ id, result }: { id: number; result: R }) => {
    pending.get(id)?.(result);
    pending.delete(id);
  });
  child.on('exit', (code) => {
    if (pending.size > 0) {
      log(`load generator ${file} exited (${code}) with commands pending`);
      process.exit(1);
    }
  });
  return {
    run: (command: C) =>
      new Promise<R>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        child.send({ id, command });
      }),
    terminate: () => child.kill(),
  };
}

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !(await check())) await new Promise((r) => setTimeout(r, 500));
}

/**
 * `count` people: every demo user who owns customers signs in once through the sandbox's picker (the
 * sign-in limit allows a few per minute from one address), and when there are fewer such users than
 * `count`, a session is shared by two lanes, like one person on phone and desktop.
 */
async function signIn(url: string, count: number): Promise<Person[]> {
  const users = (await (await fetch(`${url}/api/auth/sandbox/users`)).json()) as { users: { id: number }[] };
  const sessions: Person[] = [];
  for (const user of users.users) {
    const res = await fetch(`${url}/api/auth/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.id }),
    });
    if (!res.ok) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    const list = await fetch(`${url}/api/customers?limit=50&owner=me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { items = [] } = (await list.json()) as { items?: { id: number }[] };
    // A follow-up goes on one's own customers: people who own none or may not list them
    // (procurement, service) do not take part.
    if (items.length > 0) sessions.push({ token, customers: items.map((c) => c.id) });
  }
  return Array.from({ length: count }, (_, lane) => sessions[lane % sessions.length]!);
}

const db = await openBenchDatabase(process.env.BENCH_DATABASE_URL);
const config = loadConfig({
  env: { PORT: '0', DATABASE_URL: db.url, LOG_LEVEL: 'silent', SANDBOX: 'true' },
  envFile: false,
});
const wecom = config.wecom!;
let server: RunningServer | undefined;
let client: pg.Client | undefined;
const rows: string[][] = [];
try {
  log('booting Kelian on the demo company…');
  server = await boot(config, {
    logger: createLogger('silent', pino.destination({ dest: '/dev/null', sync: true })),
    workers: benchWorkers,
  });
  client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  const jobsDue = async () =>
    (
      await client!.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job
          where state = 'active' or (state in ('created', 'retry') and start_after <= now())`,
      )
    ).rows[0]!.n;
  await waitUntil(async () => (await jobsDue()) === 0, 60_000);
  const people = await signIn(server.url, peopleCount);
  log(`${people.length} people (${new Set(people.map((p) => p.token)).size} sessions)`);

  const callbacks = generator<LoadCommand, LoadResult>('./callbacks-load.ts', {
    token: wecom.token,
    encodingAesKey: wecom.encodingAesKey,
    corpId: wecom.corpId,
    agentId: wecom.agentId,
    users: demoUsers.map((u) => u.wecom),
  });
  const users = generator<UsersCommand, UsersResult>('./users-load.ts', { url: server.url });
  const waiting = async () =>
    (
      await client!.query<{ n: number }>(
        'select count(*)::int as n from inbox_event where processed_at is null',
      )
    ).rows[0]!.n;

  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}: ${callbacksPerRound} callbacks…`);
    await callbacks.run({ kind: 'seal', lot: `round${round}`, count: callbacksPerRound });
    const posted = await callbacks.run({
      kind: 'closed',
      url: server.url,
      lot: `round${round}`,
      connections: 50,
      seconds: 600,
      reuse: false,
    });
    await waitUntil(async () => (await waiting()) === 0, 300_000);
    log(
      `  ${posted.requests} callbacks answered (${posted.non200} not 200), drained; ${people.length} people…`,
    );
    for (const pace of [thinkMs, 0]) {
      const result = await users.run({ people, seconds, thinkMs: pace });
      for (const e of result.errors.slice(0, 3)) log(`  ${e}`);
      const memory = process.memoryUsage();
      const steps: Step[] = ['list', 'view', 'followUp'];
      const names: Record<Step, string> = {
        list: 'GET /api/customers',
        view: 'GET /api/customers/:id (360°)',
        followUp: 'POST …/follow-ups',
      };
      for (const step of steps) {
        const samples = result.latencies[step];
        const sorted = [...samples].sort((a, b) => a - b);
        const { p50, p95 } = latency(samples);
        const first = step === 'list';
        rows.push([
          String(round),
          first ? (pace > 0 ? `~${pace} ms between taps` : 'back to back') : '',
          names[step],
          String(samples.length),
          ms(p50),
          ms(p95),
          ms(sorted[Math.ceil(0.99 * sorted.length) - 1]!),
          first ? mb(memory.rss) : '',
          first ? `${mb(memory.heapUsed)} / ${mb(memory.heapTotal)}` : '',
          first ? String(result.errors.length) : '',
        ]);
      }
    }
  }
  await callbacks.run({ kind: 'close' });
  await callbacks.terminate();
  await users.terminate();
  process.stdout.write(
    `\n${people.length} people at once on the demo company, ${db.kind}, ${seconds} s per round after ${callbacksPerRound} callbacks\n`,
  );
  process.stdout.write(
    `${table(['round', 'people', 'step', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'RSS after', 'heap used / total', 'errors'], rows)}\n`,
  );
} finally {
  await client?.end();
  await server?.stop();
  await db.drop();
}
