// The world of the customer and access tests: the real server with the demo company on the run's
// test database, people signed in through the sandbox's user picker, and a direct line to the
// database to check what really changed.
import pg from 'pg';
import { expect } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { settleJobs } from '../support/jobs.js';
import { type RunningServer, startTestServer } from '../support/server.js';
import { apiClient } from './support.js';

export interface Crm {
  server: RunningServer;
  api: ReturnType<typeof apiClient>;
  db: pg.Pool;
  /** A session of the demo user with this name (张伟, 李娜 …). */
  as(name: string): Promise<Session>;
  userId(name: string): Promise<number>;
  stop(): Promise<void>;
}

export interface Session {
  token: string;
  get(path: string): ReturnType<ReturnType<typeof apiClient>>;
  send(method: string, path: string, body?: unknown): ReturnType<ReturnType<typeof apiClient>>;
}

export async function startCrm(): Promise<Crm> {
  await resetDatabase(testDbUrl());
  const server = await startTestServer({ SANDBOX: 'true' });
  const api = apiClient(server);
  const db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  // The start-up syncs (org, WeCom contacts → customers) land before a test counts anything.
  await settleJobs(db);
  const userId = async (name: string) => {
    const { rows } = await db.query<{ id: number }>('select id from app_user where name = $1', [name]);
    expect(rows, `demo user ${name}`).toHaveLength(1);
    return rows[0]!.id;
  };
  return {
    server,
    api,
    db,
    userId,
    async as(name) {
      const res = await api('/api/auth/sandbox', { body: { userId: await userId(name) } });
      expect(res.status).toBe(200);
      const token: string = res.body.token;
      return {
        token,
        get: (path) => api(path, { token }),
        send: (method, path, body) => api(path, { method, token, ...(body === undefined ? {} : { body }) }),
      };
    },
    async stop() {
      await settleJobs(db);
      await server.stop();
      await db.end();
    },
  };
}

/** Every page of a list (from `cursor`, else the first), following nextCursor. */
export async function allPages(
  session: Session,
  path: string,
  limit = 17,
  cursor: string | null = null,
): Promise<{ id: number }[]> {
  const items: { id: number }[] = [];
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await session.get(
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** A customer's row as the database holds it, for "nothing changed" checks. */
export async function customerRow(db: pg.Pool, id: number) {
  const { rows } = await db.query('select * from customer where id = $1', [id]);
  return rows[0] as Record<string, unknown> | undefined;
}

/** The ids of live customers owned by this user. */
export async function customersOwnedBy(db: pg.Pool, userId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'select id from customer where owner_id = $1 and deleted_at is null order by id',
    [userId],
  );
  return rows.map((r) => r.id);
}

export async function auditRows(db: pg.Pool, objectType: string, objectId: number | string) {
  const { rows } = await db.query(
    'select actor_id, action, changes, via, request_id from audit_log where object_type = $1 and object_id = $2 order by id',
    [objectType, String(objectId)],
  );
  return rows as {
    actor_id: number | null;
    action: string;
    changes: Record<string, unknown>;
    via: string;
    request_id: string | null;
  }[];
}
