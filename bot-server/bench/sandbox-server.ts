import { loadConfig } from '@kelian/config';
import pg from 'pg';
import { boot, type RunningServer } from '../src/boot.js';

// The real server of the benches that work on the demo company (sandbox mode) at scale: booted on a
// throwaway database, settled (the start-up jobs done), with people signed in through the sandbox's
// user picker.

export interface SandboxServer {
  server: RunningServer;
  /** A direct line to the database, for loading rows. */
  pool: pg.Pool;
  userId(name: string): Promise<number>;
  /** A session token of the demo user with this name (张伟, 徐明 …). */
  signIn(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startSandboxServer(url: string): Promise<SandboxServer> {
  const config = loadConfig({
    env: {
      PORT: '0',
      DATABASE_URL: url,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      SANDBOX: 'true',
    },
    envFile: false,
  });
  const server = await boot(config);
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  await until(async () => {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now()`,
    );
    return rows[0]!.n === 0;
  });
  const userId = async (name: string) =>
    (await pool.query<{ id: number }>('select id from app_user where name = $1', [name])).rows[0]!.id;
  return {
    server,
    pool,
    userId,
    async signIn(name) {
      const res = await fetch(`${server.url}/api/auth/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: await userId(name) }),
      });
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      await pool.end();
      await server.stop();
    },
  };
}

async function until(done: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await done()) && Date.now() < end) await new Promise((r) => setTimeout(r, 500));
}

/** The demo's sales reps (role 销售), by id: who owns a bench's generated customers. */
export async function salesReps(pool: pg.Pool): Promise<{ id: number }[]> {
  const { rows } = await pool.query<{ id: number }>(
    `select u.id from app_user u join role_assignment a on a.user_id = u.id join role r on r.id = a.role_id
      where r.code = 'sales' order by u.id`,
  );
  return rows;
}
