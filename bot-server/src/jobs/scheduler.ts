import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import type { PgRunCoordinator } from './run-coordinator.js';

export interface Schedule {
  /** Unique, without ':' (it is part of the slot key). */
  name: string;
  /** node-cron expression; six fields allow seconds. */
  cron: string;
  /** Keep it tiny: enqueue a job and return. `slot` is the time the run is for. */
  run: (slot: Date) => Promise<void>;
}

// Every instance ticks; the run coordinator lets exactly one of them run each slot.
export class Scheduler {
  readonly #schedules: Schedule[] = [];
  readonly #tasks: ScheduledTask[] = [];

  constructor(
    private readonly coordinator: PgRunCoordinator,
    private readonly timezone: string,
    private readonly logger: Logger,
  ) {}

  add(schedule: Schedule): void {
    if (schedule.name.includes(':')) throw new Error(`Schedule name must not contain ':' (${schedule.name})`);
    this.#schedules.push(schedule);
  }

  /** Starts ticking every schedule added so far. */
  start(): void {
    for (const schedule of this.#schedules) this.#start(schedule);
  }

  #start(schedule: Schedule): void {
    const log = this.logger.child({ component: 'scheduler', schedule: schedule.name });
    const task = cron.schedule(
      schedule.cron,
      async (context) => {
        try {
          await schedule.run(context.date);
        } catch (err) {
          log.error({ err }, 'scheduled run failed');
        }
      },
      {
        name: schedule.name,
        timezone: this.timezone,
        noOverlap: true,
        distributed: true,
        runCoordinator: this.coordinator,
      },
    );
    this.#tasks.push(task);
  }

  async stop(): Promise<void> {
    await Promise.all(this.#tasks.map((t) => t.destroy()));
    this.#tasks.length = 0;
  }
}
