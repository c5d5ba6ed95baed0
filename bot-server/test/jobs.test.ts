import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import type { JobModule } from '../src/jobs/index.js';
import { type RunningServer, startTestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

// A probe feature: a per-second schedule that enqueues a job per slot, and a job that records
// each run in its own table, so what ran (and how often) can be read back from the database.
const probe: JobModule = ({ queue, scheduler, orm }) => {
  queue.define<{ label: string }>({
    name: 'probe.record',
    handler: async (data, job) => {
      await orm.em
        .getConnection()
        .execute('insert into probe_run (job_id, label) values (?, ?)', [job.id, data.label]);
    },
  });
  queue.define<{ label: string }>({
    name: 'probe.stately',
    policy: 'stately',
    handler: async (data, job) => {
      await orm.em
        .getConnection()
        .execute('insert into probe_run (job_id, label) values (?, ?)', [job.id, data.label]);
    },
  });
  scheduler.add({
    name: 'probe-tick',
    cron: '* * * * * *',
    run: async (slot) => {
      await queue.send('probe.record', { label: `tick ${slot.toISOString()}` });
    },
  });
};

let pool: pg.Pool;
const servers: RunningServer[] = [];
beforeEach(async () => {
  await resetDatabase(testDbUrl());
  pool = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  await pool.query('create table if not exists probe_run (job_id text not null, label text not null)');
  await pool.query('truncate probe_run');
  await pool.query(`delete from pgboss.job where name = 'probe.record'`).catch(() => undefined);
});
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  await pool.end();
});

async function start() {
  const server = await startTestServer({}, { jobModules: [probe] });
  servers.push(server);
  return server;
}

const rows = async (sql: string) => (await pool.query(sql)).rows;

describe('durable jobs', () => {
  test('a job enqueued in a transaction runs once if it commits and never if it rolls back', async () => {
    const server = await start();
    await server.orm.em.fork().transactional(async (em) => {
      await server.jobs.queue.send('probe.record', { label: 'committed' }, { em });
    });
    await server.orm.em
      .fork()
      .transactional(async (em) => {
        await server.jobs.queue.send('probe.record', { label: 'rolled back' }, { em });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await server.jobs.scheduler.stop();
    await waitFor(async () =>
      (await rows(`select 1 from probe_run where label = 'committed'`)).length ? true : undefined,
    );
    await sleep(1500);
    expect(await rows(`select label from probe_run where label not like 'tick%'`)).toEqual([
      { label: 'committed' },
    ]);
  });

  test('a stately queue keeps one pending job per key: asking again while one waits adds nothing', async () => {
    const server = await start();
    await server.jobs.scheduler.stop();
    const ids = [];
    // Due a second from now, so the first certainly still waits when the others are asked for (a job
    // sent here is otherwise picked up at once).
    const startAfter = new Date(Date.now() + 1000);
    for (const label of ['first', 'second', 'third']) {
      ids.push(
        await server.jobs.queue.send('probe.stately', { label }, { singletonKey: 'platform-a', startAfter }),
      );
    }
    ids.push(
      await server.jobs.queue.send('probe.stately', { label: 'other key' }, { singletonKey: 'platform-b' }),
    );
    expect(ids.map((id) => id !== null)).toEqual([true, false, false, true]);
    await waitFor(async () =>
      (await rows(`select 1 from probe_run where label = 'other key'`)).length ? true : undefined,
    );
    await waitFor(async () =>
      (await rows(`select 1 from probe_run where label = 'first'`)).length ? true : undefined,
    );
    expect(
      (await rows(`select label from probe_run where label not like 'tick%' order by label`)).map(
        (r) => r.label,
      ),
    ).toEqual(['first', 'other key']);
  });
});

describe('schedules', () => {
  test('a per-second schedule enqueues one job per slot, and each runs', async () => {
    const server = await start();
    await sleep(3500);
    await server.jobs.scheduler.stop();
    const slots = await rows(`select key from run_slot where task = 'probe-tick'`);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    const ticks = await waitFor(async () => {
      const r = await rows(`select label from probe_run where label like 'tick%'`);
      return r.length >= slots.length ? r : undefined;
    });
    expect(new Set(ticks.map((t) => t.label)).size).toBe(slots.length);
  });

  // Only a real server shows what two instances do: PGlite serialises everything anyway.
  test.runIf(inject('dbKind') === 'postgres')(
    'two instances on one PostgreSQL: each slot fires exactly once and each job runs once',
    async () => {
      const [a, b] = [await start(), await start()];
      const started = Date.now();
      await sleep(5000);
      await Promise.all([a.jobs.scheduler.stop(), b.jobs.scheduler.stop()]);
      const seconds = (Date.now() - started) / 1000;
      const slots = await rows(`select key from run_slot where task = 'probe-tick'`);
      expect(slots.length).toBeGreaterThanOrEqual(3);
      expect(slots.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      const runs = await waitFor(async () => {
        const r = await rows(`select job_id, label from probe_run where label like 'tick%'`);
        return r.length >= slots.length ? r : undefined;
      });
      await sleep(1000);
      const final = await rows(`select job_id, label from probe_run where label like 'tick%'`);
      expect(final.length).toBe(runs.length);
      expect(final.length).toBe(slots.length);
      expect(new Set(final.map((r) => r.job_id)).size).toBe(final.length);
      expect(new Set(final.map((r) => r.label)).size).toBe(final.length);
    },
    60_000,
  );
});
