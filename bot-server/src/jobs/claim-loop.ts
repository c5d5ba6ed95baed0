import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

/**
 * While platform callbacks are in flight a loop works at most this share of the time: after a
 * stretch of work that took t ms it lets them go first for up to t × (1 − share) / share ms (never
 * longer than `maxYieldMs`) before it claims more. A burst of callbacks is answered at the speed of
 * the door, and the stored work still moves under a steady stream.
 */
const pressureShare = 0.2;
const maxYieldMs = 1000;
const yieldStepMs = 5;
/** Wake-ups asked for within this of each other share one timer (the rate gate's "now" is 20 ms). */
const alarmGrainMs = 20;

export interface ClaimLoopOptions<T> {
  name: string;
  /** Takes up to `limit` due items for this worker (the claim is what keeps other workers off them). */
  claim(limit: number): Promise<T[]>;
  /** Works one claimed item; it settles the item itself (done, retry later, given up). */
  handle(item: T): Promise<void>;
  /** Items with the same key are handled one after another, in claim order. */
  sequenceKey?(item: T): string;
  /** Items handled side by side at most. */
  concurrency: number;
  /** The longest idle wait between claims when nobody wakes the loop. */
  idleMs: number;
  /** While this says so (platform callbacks in flight), the loop waits a little before it claims. */
  yieldTo?: () => boolean;
  /**
   * After a claim that found less than the loop had room for, the next claim waits until this long
   * after it, however often the loop is woken meanwhile: work written a row at a time (an answer per
   * event) is then taken in one claim instead of one claim per row.
   */
  gatherMs?: number;
  logger: Logger;
}

/**
 * A worker over a table that is its own queue (the inbox, the outbound messages): it keeps up to
 * `concurrency` claimed rows in hand and claims again as soon as a quarter of them are done, so one
 * slow item (a platform call waiting out "system busy") holds back only itself, never a whole batch.
 * When nothing is due it sleeps until woken (a row was written: by this process, or on PostgreSQL by
 * any instance through LISTEN/NOTIFY) or until `idleMs` has passed, whichever comes first.
 */
export class ClaimLoop<T> {
  #running = false;
  #loop: Promise<void> | undefined;
  /** The loop's current sleep: woken by new work, and by a finished item when it waits for room. */
  #sleeper: { wake(): void; onRoom: boolean } | undefined;
  #woken = false;
  #inFlight = 0;
  /** The last item of each key in hand: the next one of that key starts after it. */
  readonly #tails = new Map<string, Promise<void>>();
  #workStartedAt: number | undefined;
  /** When the last claim that came back short was made: the next waits for `gatherMs` after it. */
  #shortClaimAt: number | undefined;
  /** The wake-ups asked for with `wakeAt`, one timer per grain. */
  readonly #alarms = new Map<number, NodeJS.Timeout>();

  constructor(private readonly o: ClaimLoopOptions<T>) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** New work may be due: claim now instead of at the end of the idle wait. */
  wake(): void {
    this.#woken = true;
    this.#sleeper?.wake();
  }

  /**
   * Work written for later falls due at `at` (epoch ms; a message booked for when its rate window
   * opens): claim then, rather than at the next idle look, up to `idleMs` later. The idle look stays
   * for work another instance booked.
   */
  wakeAt(at: number): void {
    const grain = Math.ceil(at / alarmGrainMs) * alarmGrainMs;
    if (!this.#running || this.#alarms.has(grain)) return;
    const timer = setTimeout(
      () => {
        this.#alarms.delete(grain);
        this.wake();
      },
      Math.max(0, grain - Date.now()),
    );
    timer.unref();
    this.#alarms.set(grain, timer);
  }

  /** Stops claiming, and settles once the items in hand are done. */
  async stop(): Promise<void> {
    this.#running = false;
    for (const timer of this.#alarms.values()) clearTimeout(timer);
    this.#alarms.clear();
    this.wake();
    await this.#loop;
    while (this.#inFlight > 0) await this.#sleep(this.o.idleMs, true);
  }

  async #run(): Promise<void> {
    const log = this.o.logger.child({ component: 'claim-loop', queue: this.o.name });
    const refillAt = Math.max(1, Math.floor(this.o.concurrency / 4));
    while (this.#running) {
      const room = this.o.concurrency - this.#inFlight;
      if (room < refillAt) {
        await this.#sleep(this.o.idleMs, true);
        continue;
      }
      await this.#gather();
      this.#woken = false;
      await this.#letForegroundGo();
      let claimed: T[] = [];
      const claimAt = performance.now();
      try {
        claimed = await this.o.claim(this.o.concurrency - this.#inFlight);
      } catch (err) {
        log.error({ err }, 'claiming work failed; trying again shortly');
        // Cut short by stop(), or by new work written (the database answers again).
        if (this.#running) await this.#sleep(this.o.idleMs, false);
        continue;
      }
      if (claimed.length > 0) this.#workStartedAt ??= performance.now();
      this.#shortClaimAt = claimed.length < room ? claimAt : undefined;
      for (const item of claimed) this.#start(item, log);
      // Nothing more is due: look again when new work is written, or after `idleMs` (a booked or
      // retried row falling due).
      if (claimed.length < room && !this.#woken && this.#running) await this.#sleep(this.o.idleMs, false);
    }
  }

  #start(item: T, log: Logger): void {
    const key = this.o.sequenceKey?.(item);
    const before = key === undefined ? undefined : this.#tails.get(key);
    this.#inFlight += 1;
    const done = (async () => {
      await before;
      // A handler settles its own item; an error here is one it could not even record.
      await this.o.handle(item).catch((err: unknown) => log.error({ err }, 'work item failed'));
    })();
    if (key !== undefined) this.#tails.set(key, done);
    void done.then(() => {
      if (key !== undefined && this.#tails.get(key) === done) this.#tails.delete(key);
      this.#inFlight -= 1;
      if (this.#inFlight === 0) this.#workStartedAt = undefined;
      if (this.#sleeper?.onRoom) this.#sleeper.wake();
    });
  }

  /** Waits out the rest of `gatherMs` after a short claim (stop() waits for it: a few milliseconds). */
  async #gather(): Promise<void> {
    if (!this.o.gatherMs || this.#shortClaimAt === undefined) return;
    const rest = this.#shortClaimAt + this.o.gatherMs - performance.now();
    if (rest > 0 && this.#running) await sleep(rest);
  }

  /** Lets the platforms' callbacks be answered first, for a time in proportion to the work done. */
  async #letForegroundGo(): Promise<void> {
    if (this.#workStartedAt === undefined || !this.o.yieldTo?.()) return;
    const worked = performance.now() - this.#workStartedAt;
    const until = Date.now() + Math.min(maxYieldMs, (worked * (1 - pressureShare)) / pressureShare);
    while (this.o.yieldTo() && Date.now() < until && this.#running) await sleep(yieldStepMs);
    this.#workStartedAt = performance.now();
  }

  #sleep(ms: number, onRoom: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const sleeper = {
        onRoom,
        wake: () => {
          clearTimeout(timer);
          if (this.#sleeper === sleeper) this.#sleeper = undefined;
          resolve();
        },
      };
      const timer = setTimeout(sleeper.wake, ms);
      this.#sleeper = sleeper;
    });
  }
}
