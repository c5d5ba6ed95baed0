import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Transaction } from 'kysely';
import { type Job, PgBoss, type QueuePolicy } from 'pg-boss';
import type { Logger } from '../logger.js';

export interface JobDefinition<T extends object> {
  name: string;
  handler: (data: T, job: Job<T>) => Promise<void>;
  /** Attempts after the first failure, with exponential backoff. */
  retryLimit?: number;
  /**
   * pg-boss's queue policy. `stately` keeps at most one queued and one running job per
   * singletonKey (e.g. one pending full sync per platform); the default `standard` ignores the key.
   */
  policy?: QueuePolicy;
}

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
  #started = false;

  constructor(url: string, logger: Logger) {
    this.#log = logger.child({ component: 'jobs' });
    // The embedded database serves at most 40 connections in total: keep this pool small.
    this.#boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4 });
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
      await this.#boss.createQueue(d.name, {
        retryLimit: d.retryLimit ?? 5,
        retryBackoff: true,
        policy: d.policy ?? 'standard',
      });
    }
    this.#started = true;
  }

  /** Starts handing jobs to their handlers. */
  async work(): Promise<void> {
    for (const d of this.#definitions.values()) {
      await this.#boss.work<object>(d.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (!job) return;
        try {
          await d.handler(job.data, job);
        } catch (err) {
          this.#log.warn({ err, job: d.name, id: job.id }, 'job failed; pg-boss will retry it');
          throw err;
        }
      });
    }
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.#definitions.has(name)) throw new Error(`Unknown job ${name}`);
    const tx = options.em?.getTransactionContext<Transaction<unknown>>();
    return this.#boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfter,
      // Inside a transaction only the transaction's own connection may be used (on PGlite any other
      // connection would wait for the transaction to end, forever).
      ...(tx
        ? { db: { executeSql: async (text, values) => tx.executeQuery(CompiledQuery.raw(text, values)) } }
        : {}),
    });
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    await this.#boss.stop({ graceful: true, timeout: 10_000, close: true });
    this.#started = false;
  }
}
