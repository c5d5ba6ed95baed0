import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

/**
 * While platform callbacks are in flight a loop works at most this share of the time: after a batch
 * that took t ms it lets them go first for up to t × (1 − share) / share ms (never longer than
 * `maxYieldMs`) before it takes the next batch anyway. A burst of callbacks is answered at the speed
 * of the door, and the stored work still moves under a steady stream, a batch at a time.
 */
const pressureShare = 0.2;
const maxYieldMs = 1000;
const yieldStepMs = 5;

export interface ClaimLoopOptions<T> {
  name: string;
  /** Takes up to `limit` due items for this worker (the claim is what keeps other workers off them). */
  claim(limit: number): Promise<T[]>;
  /** Works one claimed item; it settles the item itself (done, retry later, given up). */
  handle(item: T): Promise<void>;
  /** Items of one batch with the same key are handled one after another, in claim order. */
  sequenceKey?(item: T): string;
  batchSize: number;
  /** The longest idle wait between claims when nobody wakes the loop. */
  idleMs: number;
  /** While this says so (platform callbacks in flight), the loop waits a little before it claims. */
  yieldTo?: () => boolean;
  logger: Logger;
}

/**
 * A worker over a table that is its own queue (the inbox, the outbound messages): it claims a batch
 * of due rows, handles them side by side, and claims again at once while batches come back full.
 * When idle it sleeps until woken (a row was written: by this process, or on PostgreSQL by any
 * instance through LISTEN/NOTIFY) or until `idleMs` has passed, whichever comes first.
 */
export class ClaimLoop<T> {
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #woken = false;
  #lastBatchMs = 0;

  constructor(private readonly o: ClaimLoopOptions<T>) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** New work may be due: claim now instead of at the end of the idle wait. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const log = this.o.logger.child({ component: 'claim-loop', queue: this.o.name });
    while (this.#running) {
      this.#woken = false;
      await this.#letForegroundGo();
      let claimed: T[] = [];
      try {
        const started = performance.now();
        claimed = await this.o.claim(this.o.batchSize);
        await this.#handleBatch(claimed, log);
        this.#lastBatchMs = performance.now() - started;
      } catch (err) {
        log.error({ err }, 'claiming work failed; trying again shortly');
        await sleep(this.o.idleMs);
      }
      if (claimed.length < this.o.batchSize && !this.#woken && this.#running) await this.#idle();
    }
  }

  /** Lets the platforms' callbacks be answered first, for a time in proportion to the last batch's. */
  async #letForegroundGo(): Promise<void> {
    const yieldMs = Math.min(maxYieldMs, (this.#lastBatchMs * (1 - pressureShare)) / pressureShare);
    const until = Date.now() + yieldMs;
    while (this.o.yieldTo?.() && Date.now() < until && this.#running) await sleep(yieldStepMs);
  }

  async #handleBatch(items: T[], log: Logger): Promise<void> {
    const sequences = new Map<string, T[]>();
    items.forEach((item, i) => {
      const key = this.o.sequenceKey?.(item) ?? `#${i}`;
      sequences.set(key, [...(sequences.get(key) ?? []), item]);
    });
    await Promise.all(
      [...sequences.values()].map(async (sequence) => {
        for (const item of sequence) {
          // A handler settles its own item; an error here is one it could not even record.
          await this.o.handle(item).catch((err: unknown) => log.error({ err }, 'work item failed'));
        }
      }),
    );
  }

  #idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.o.idleMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
