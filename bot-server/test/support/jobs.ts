import type pg from 'pg';
import type { RunningServer } from './server.js';
import { waitFor } from './wait.js';

/** Runs one job on the server's own queue, as its schedule would, and waits until it has finished. */
export async function runJob(server: RunningServer, db: pg.Pool, name: string, data: object): Promise<void> {
  const id = await server.jobs.queue.send(name, data);
  await waitFor(
    async () => {
      const { rows } = await db.query<{ state: string; output: unknown }>(
        'select state, output from pgboss.job where id = $1',
        [id],
      );
      if (rows[0]?.state === 'failed' || rows[0]?.state === 'retry')
        throw new Error(`${name} job failed: ${JSON.stringify(rows[0].output)}`);
      return rows[0]?.state === 'completed' ? true : undefined;
    },
    20_000,
    `the ${name} job`,
  );
}

/**
 * Waits for the work due now to finish (jobs, stored events, outbound messages): what every sandbox server queues at start (org sync, WeCom
 * contacts, follow-up runs, the stalled-deal scan) and the cards and messages they cause. A test
 * that counts messages or changes the demo data starts after them, not in a race with them; and a
 * job left queued would otherwise run in the next test file's server as that one boots, before the
 * sandbox platforms can be reached.
 */
export async function settleJobs(db: pg.Pool, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Jobs, stored events and outbound messages that are due now (booked messages wait for later).
  const pending = async () =>
    (
      await db.query<{ n: number }>(
        `select (select count(*) from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now())
              + (select count(*) from inbox_event where processed_at is null and next_attempt_at <= now() and attempts < 10)
              + (select count(*) from outbound_message where state in ('pending', 'sending') and not_before <= now()) as n`,
      )
    ).rows[0]!.n;
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
