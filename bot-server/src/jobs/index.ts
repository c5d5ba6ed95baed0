import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import { JobQueue } from './queue.js';
import { PgRunCoordinator } from './run-coordinator.js';
import { Scheduler } from './scheduler.js';

export { JobQueue } from './queue.js';
export type { Schedule } from './scheduler.js';

export interface Jobs {
  queue: JobQueue;
  scheduler: Scheduler;
}

/** A feature's contribution to time and background work: its job definitions and schedules. */
export type JobModule = (jobs: Jobs & { orm: MikroORM; logger: Logger }) => void;

export interface RunningJobs extends Jobs {
  /** Starts the workers and the schedules; until then jobs can be sent but none runs. */
  work(): Promise<void>;
  stop(): Promise<void>;
}

// Schedules only enqueue; the queue does the work. Modules register before anything starts so that
// a job never arrives for a handler that is not there yet. Work starts only when the caller says so:
// handlers may need the server to be listening (in sandbox mode the platforms are this server).
export async function startJobs(options: {
  url: string;
  /** The embedded PGlite: no LISTEN/NOTIFY between its connections, a smaller pool. */
  embedded: boolean;
  orm: MikroORM;
  logger: Logger;
  timezone: string;
  modules: JobModule[];
  /** Only send from this thread: the jobs run in the workers' thread, told of each job by this. */
  workElsewhere?: (job: string) => void;
}): Promise<RunningJobs> {
  const { url, orm, logger, timezone, modules } = options;
  const queue = new JobQueue(url, logger, {
    embedded: options.embedded,
    workElsewhere: options.workElsewhere,
  });
  const coordinator = new PgRunCoordinator(orm, `${hostname()}:${process.pid}`);
  const scheduler = new Scheduler(coordinator, timezone, logger);
  for (const module of [housekeeping(coordinator), ...modules]) module({ queue, scheduler, orm, logger });
  await queue.start();
  return {
    queue,
    scheduler,
    async work() {
      await queue.work();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await queue.stop();
    },
  };
}

function housekeeping(coordinator: PgRunCoordinator): JobModule {
  return ({ queue, scheduler, logger }) => {
    queue.define({
      name: 'housekeeping.prune-run-slots',
      handler: async () => {
        const removed = await coordinator.prune(30);
        logger.info({ removed }, 'pruned old schedule slots');
      },
    });
    scheduler.add({
      name: 'housekeeping.prune-run-slots',
      cron: '0 30 3 * * *',
      run: async () => {
        await queue.send('housekeeping.prune-run-slots', {});
      },
    });
  };
}
