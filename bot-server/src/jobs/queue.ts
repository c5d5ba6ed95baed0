import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Transaction } from 'kysely';
import { type Job, type JobResult, PgBoss, type QueuePolicy } from 'pg-boss';
import type { Logger } from '../logger.js';

export interface JobDefinition<T extends object> {
  name: string;
  handler: (data: T, job: Job<T>) => Promise<void>;
  /** Attempts after the first failure, with exponential backoff. */
  retryLimit?: number;
  /** Cap of the backoff between attempts (default: five minutes). */
  retryDelayMaxSeconds?: number;
  /**
   * pg-boss's queue policy. `stately` keeps at most one queued and one running job per
   * singletonKey (e.g. one pending full sync per platform); the default `standard` ignores the key.
   */
  policy?: QueuePolicy;
  /**
   * How many jobs one fetch takes; they run side by side (default 1). Queues that carry many small
   * jobs (events, messages) take them in batches: one query hands out the batch, and their waits on
   * the database and the platforms overlap.
   */
  batchSize?: number;
  /** Jobs of one batch with the same key run one after another, in the order they were sent. */
  sequenceKey?: (data: T) => string;
}

/**
 * A job's worker refreshes its claim every 5 s; a job whose claim is this old is handed out again, so
 * a crashed instance's jobs come back within about 15 s (pg-boss's minimum; without a heartbeat an
 * active job would only expire after 15 minutes).
 */
const heartbeatSeconds = 10;

export interface SendOptions {
  /** Enqueue inside this EntityManager's open transaction: the job exists only if the transaction commits. */
  em?: EntityManager;
  /** Groups jobs for the queue's policy (see JobDefinition.policy); ignored by `standard` queues. */
  singletonKey?: string;
  startAfter?: Date;
}

// Durable work on pg-boss in the application's own database. Jobs survive crashes and restarts and
// each is handed to exactly one instance.
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #definitions = new Map<string, JobDefinition<object>>();
  readonly #log: Logger;
  readonly #notify: boolean;
  /** This process's worker per queue: a job sent here wakes it at once. */
  readonly #workers = new Map<string, string>();
  #started = false;

  readonly #workElsewhere: ((job: string) => void) | undefined;

  constructor(
    url: string,
    logger: Logger,
    options: {
      embedded: boolean;
      /**
       * This queue only sends: its jobs run in the workers' thread, which is told of each job sent
       * here (on the embedded database no notification would reach it). A couple of connections do.
       */
      workElsewhere?: (job: string) => void;
    },
  ) {
    this.#log = logger.child({ component: 'jobs' });
    // PostgreSQL wakes idle workers with LISTEN/NOTIFY the moment a job is sent, on every instance.
    // The embedded database's socket does not pass notifications between connections, so there
    // workers poll every half second instead (and fetch continuously while batches come back full).
    this.#notify = !options.embedded;
    this.#workElsewhere = options.workElsewhere;
    const sendOnly = this.#workElsewhere !== undefined;
    this.#boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      // The embedded database serves at most 40 connections in total: keep this pool small.
      max: sendOnly ? 2 : options.embedded ? 4 : 10,
      // Wake idle workers when a job is committed (one listening connection per instance).
      useListenNotify: !options.embedded && !sendOnly,
      // Supervision and cron belong with the workers.
      supervise: !sendOnly,
      schedule: !sendOnly,
      // Expired claims and stale heartbeats are found by the supervisor, and failed (for a retry) in
      // its per-queue monitor pass: both every few seconds, so a dead worker's jobs come back soon
      // (the monitor's default of 60 s held them back a minute).
      superviseIntervalSeconds: 5,
      monitorIntervalSeconds: 5,
    });
    this.#boss.on('error', (err) => this.#log.error({ err }, 'job queue error'));
  }

  define<T extends object>(definition: JobDefinition<T>): void {
    if (this.#started) throw new Error(`Job ${definition.name} must be defined before the queue starts`);
    this.#definitions.set(definition.name, definition as JobDefinition<object>);
  }

  /** Connects and creates the queues: jobs can be sent from now on, nothing runs yet. */
  async start(): Promise<void> {
    await this.#boss.start();
    for (const d of this.#definitions.values()) {
      const options = {
        retryLimit: d.retryLimit ?? 5,
        retryBackoff: true,
        retryDelayMax: d.retryDelayMaxSeconds ?? 300,
        policy: d.policy ?? 'standard',
        notify: this.#notify,
        heartbeatSeconds,
      };
      // An existing queue keeps its creation options; bring them up to date.
      await this.#boss.createQueue(d.name, options);
      const { policy: _policy, ...updatable } = options;
      await this.#boss.updateQueue(d.name, updatable);
    }
    this.#started = true;
  }

  /** Starts handing jobs to their handlers. */
  async work(): Promise<void> {
    if (this.#workElsewhere) throw new Error('this job queue only sends: its jobs run in the workers thread');
    for (const d of this.#definitions.values()) {
      const batchSize = d.batchSize ?? 1;
      const worker = await this.#boss.work<object>(
        d.name,
        {
          batchSize,
          // Idle workers are woken by a job sent in this process (below) and, on PostgreSQL, by any
          // instance's committed job; polling is only the floor under that. pg-boss NOTIFYs only a
          // job that is runnable when sent: a retry or a deferred job (a card update a second
          // later) is found by the poll alone, so the poll stays as short with NOTIFY as without
          // (the 30 s default, or 10 s, held an org sync's retry and card updates that long).
          pollingIntervalSeconds: 2,
          notifyPollingIntervalSeconds: 2,
          burstWhenBatchFull: batchSize > 1,
          perJobResults: true,
        },
        (jobs) => this.#runBatch(d, jobs),
      );
      this.#workers.set(d.name, worker);
    }
  }

  /** Runs a batch: independent jobs side by side, jobs of one sequence key in order; each settles on its own. */
  async #runBatch(d: JobDefinition<object>, jobs: Job<object>[]): Promise<JobResult[]> {
    const sequences = new Map<string, Job<object>[]>();
    jobs.forEach((job, i) => {
      const key = d.sequenceKey?.(job.data) ?? String(i);
      sequences.set(key, [...(sequences.get(key) ?? []), job]);
    });
    const results: JobResult[] = [];
    await Promise.all(
      [...sequences.values()].map(async (sequence) => {
        for (const job of sequence) results.push(await this.#run(d, job));
      }),
    );
    return results;
  }

  async #run(d: JobDefinition<object>, job: Job<object>): Promise<JobResult> {
    try {
      await d.handler(job.data, job);
      return { id: job.id, status: 'completed' };
    } catch (err) {
      this.#log.warn({ err, job: d.name, id: job.id }, 'job failed; pg-boss will retry it');
      return { id: job.id, status: 'failed', output: { message: String(err).slice(0, 2000) } };
    }
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.#definitions.has(name)) throw new Error(`Unknown job ${name}`);
    const tx = options.em?.getTransactionContext<Transaction<unknown>>();
    const id = await this.#boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfter,
      // Inside a transaction only the transaction's own connection may be used (on PGlite any other
      // connection would wait for the transaction to end, forever).
      ...(tx
        ? { db: { executeSql: async (text, values) => tx.executeQuery(CompiledQuery.raw(text, values)) } }
        : {}),
    });
    // Sent in a transaction, the job is visible once it commits: the woken worker's fetch finds it
    // then (PostgreSQL wakes it again at the commit; the embedded database runs the fetch after it).
    if (options.startAfter) return id;
    if (this.#workElsewhere) this.#workElsewhere(name);
    else this.wake(name);
    return id;
  }

  /** A job of this name was sent (here or in another thread): its idle worker here fetches at once. */
  wake(name: string): void {
    const worker = this.#workers.get(name);
    if (worker) this.#boss.notifyWorker(worker);
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    await this.#boss.stop({ graceful: true, timeout: 10_000, close: true });
    this.#started = false;
  }
}
