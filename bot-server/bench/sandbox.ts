// The real server (boot(), sandbox mode: the demo company, HTTP, sessions, the data scope) on a
// bench's throwaway database, and its demo people signed in, for the benches that time the API.
import { loadConfig } from '@kelian/config';
import pg from 'pg';
import { boot, type RunningServer } from '../src/boot.js';

/** The server on `databaseUrl`, once the demo's start-up jobs are done, and a small pool on its database. */
export interface Sandbox {
  server: RunningServer;
  pool: pg.Pool;
  stop(): Promise<void>;
}

export async function startSandbox(databaseUrl: string): Promise<Sandbox> {
  const config = loadConfig({
    env: {
      PORT: '0',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      SANDBOX: 'true',
    },
    envFile: false,
  });
  const server = await boot(config);
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  const due = `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now()`;
  const end = Date.now() + 60_000;
  while ((await pool.query<{ n: number }>(due)).rows[0]!.n > 0 && Date.now() < end)
    await new Promise((r) => setTimeout(r, 500));
  return {
    server,
    pool,
    async stop() {
      await pool.end();
      await server.stop();
    },
  };
}

export async function userId(p: pg.Pool, name: string): Promise<number> {
  return (await p.query<{ id: number }>('select id from app_user where name = $1', [name])).rows[0]!.id;
}

/** A session token of the demo person called `name`, signed in through the sandbox's picker. */
export async function signIn(s: RunningServer, p: pg.Pool, name: string): Promise<string> {
  const res = await fetch(`${s.url}/api/auth/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: await userId(p, name) }),
  });
  if (!res.ok) throw new Error(`sign-in of ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The demo's sales reps (role 销售), by id: who owns a bench's generated customers. */
export async function salesReps(p: pg.Pool): Promise<{ id: number }[]> {
  const { rows } = await p.query<{ id: number }>(
    `select u.id from app_user u join role_assignment a on a.user_id = u.id join role r on r.id = a.role_id where r.code = 'sales' order by u.id`,
  );
  return rows;
}
