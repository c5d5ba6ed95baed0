import type pg from 'pg';
import { type FollowUpRun, followUpJobNames } from '../../src/bot/followups/jobs.js';
import { apiClient } from '../api/support.js';
import { runJob } from '../support/jobs.js';
import type { RunningServer } from '../support/server.js';

export const day = 86_400_000;

/**
 * Runs one of the follow-up jobs on the server's own queue, as the every-minute schedule does, as
 * of `at` (the engine's clock: "three days later"), and waits until it has finished.
 */
export function runFollowUpJob(
  server: RunningServer,
  db: pg.Pool,
  job: keyof typeof followUpJobNames,
  at: Date,
): Promise<void> {
  const run: FollowUpRun = { at: at.toISOString() };
  return runJob(server, db, followUpJobNames[job], run);
}

/** 09:00 Asia/Shanghai (01:00 UTC) of the day `days` after today there. */
export function shanghaiMorning(days: number, now = new Date()): Date {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 1));
}

/** Switches the demo company's follow-up rules off, so a test sees only the rules it makes. */
export async function disableDemoRules(db: pg.Pool): Promise<void> {
  await db.query('update follow_up_rule set enabled = false');
}

/** Signs a demo user in through the sandbox's user picker; the API client with their token. */
export async function signIn(server: RunningServer, db: pg.Pool, name: string) {
  const api = apiClient(server);
  const { rows } = await db.query<{ id: number }>('select id from app_user where name = $1', [name]);
  const { token } = (await api('/api/auth/sandbox', { body: { userId: rows[0]!.id } })).body;
  return (method: string, path: string, body?: unknown) =>
    api(path, { method, token, ...(body === undefined ? {} : { body }) });
}
