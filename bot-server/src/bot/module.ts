import type { Config } from '@kelian/config';
import type { CardSubject } from '../domain/notify/notifier.js';
import { ClaimLoop } from '../jobs/claim-loop.js';
import type { JobModule } from '../jobs/index.js';
import type { KelianModule, ModuleContext } from '../modules/contract.js';
import type { PlatformRuntime } from '../platforms/setup.js';
import { Bot } from './bot.js';
import { CardNotifier, CardRefresher, refreshCardsJob, subjectKey } from './cards/card-jobs.js';
import { cardRendering } from './cards/presenter.js';
import { helpCommand } from './commands/help.js';
import { whoamiCommand } from './commands/whoami.js';
import { lanes, Outbox } from './delivery/outbox.js';
import { RateGate } from './delivery/rate-gate.js';
import { type ClaimedMessage, MessageSender } from './delivery/sender.js';
import type { Lane } from './delivery/slots.js';
import { type ClaimedEvent, Inbox, type InboxLane, inboxLanes } from './inbox.js';

export interface BotRuntime {
  /** Registers every module's jobs and schedules with the job queue, before it starts. */
  jobs: JobModule;
  /** The door every verified platform event comes through (available once `jobs` has run). */
  inbox(): Inbox;
  /** What the modules were handed (available once `jobs` has run): the API uses the same notifier and outbox. */
  context(): ModuleContext;
  /** Starts the event handlers and the senders (once the server listens: in sandbox mode they call it). */
  work(): void;
  /** Something was written to the inbox or the outbound table (on PostgreSQL: by any instance); undefined: either. */
  wake(work?: WorkWritten): void;
  /** Runs every module's start-up work. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Handled side by side: enough to overlap their waits on the database and the platforms. */
const eventConcurrency = 32;
/**
 * A message passes three batched database steps (admit, render, record) and a platform call, about
 * 125 ms under a burst, more when WeCom answers "system busy" and the call is tried again: the messages
 * in hand bound a burst at about their number per 0.2 s. With the platform elsewhere (as in production,
 * and in the pipeline bench's platforms thread) 192 left the thread waiting on those round trips (a
 * burst at about 900 a second); 320 keeps it busy (about 1,200 a second).
 */
const messageConcurrency = 320;
/**
 * Senders take what was written in the last few milliseconds together: a burst of events writes an
 * answer each, and one claim per answer cost as much as the answer's own insert.
 */
const sendGatherMs = 10;
/** Idle workers look again this often when nothing wakes them (a booked message falling due). */
const idleMs = 500;

/** Work written to one of the bot's queue tables, for workers that run elsewhere. */
export type WorkWritten =
  | { table: 'inbox_event'; lane?: InboxLane }
  | { table: 'outbound_message'; lane?: Lane };

export interface BotRuntimeOptions {
  /** True while platform callbacks are in flight: workers in the server's thread let them go first. */
  callbacksInFlight?: () => boolean;
  /**
   * The event handlers and senders run in another thread (workers-thread.ts): what this thread
   * writes to their tables is told to them there, as the local loops are told in one thread.
   */
  workElsewhere?: (work: WorkWritten) => void;
}

/**
 * The bot and everything around it: stored events handled by the bot, outbound messages delivered,
 * sent cards kept current; and every business module in `modules` plugged in with one context.
 * Events and messages are queues of their own tables (claimed by workers, no job per row): the
 * callback's answer then costs one insert, and a message one row in its cause's transaction.
 */
export function botRuntime(
  config: Config,
  platforms: PlatformRuntime,
  modules: readonly KelianModule[],
  { callbacksInFlight = () => false, workElsewhere }: BotRuntimeOptions = {},
): BotRuntime {
  let context: ModuleContext | undefined;
  let inbox: Inbox | undefined;
  const eventLoops = new Map<InboxLane, ClaimLoop<ClaimedEvent>>();
  const sendLoops = new Map<Lane, ClaimLoop<ClaimedMessage>>();
  const wakeEvents = (lane?: InboxLane) => {
    for (const [name, loop] of eventLoops) if (!lane || lane === name) loop.wake();
    workElsewhere?.({ table: 'inbox_event', lane });
  };
  const wakeSenders = (lane?: Lane) => {
    for (const [name, loop] of sendLoops) if (!lane || lane === name) loop.wake();
    workElsewhere?.({ table: 'outbound_message', lane });
  };
  return {
    jobs: ({ queue, scheduler, orm, logger }) => {
      const outbox = new Outbox(wakeSenders);
      const bot = new Bot(outbox);
      bot.command(helpCommand(() => bot.commands)).command(whoamiCommand);
      const notifier = new CardNotifier(queue, outbox);
      context = { config, orm, logger, queue, scheduler, bot, platforms, outbox, notifier };
      const cards = cardRendering(Object.assign({}, ...modules.map((m) => m.cards?.(config) ?? {})));
      const refresher = new CardRefresher(orm, platforms.get, outbox, cards, logger);
      // A clicker's WeCom response code allows one more update of that card: kept before any action runs.
      bot.on('card_action', async (em, event) => {
        if (event.responseCode)
          await refresher.rememberResponseCode(em, event.cardId, event.from, event.responseCode);
      });
      for (const module of modules) module.register?.(context);
      queue.define<{ subject: CardSubject }>({
        name: refreshCardsJob,
        policy: 'stately',
        batchSize: 8,
        sequenceKey: ({ subject }) => subjectKey(subject),
        handler: ({ subject }) => refresher.refresh(subject),
      });

      const events = new Inbox(
        orm,
        (em, event) => bot.dispatch(em, event),
        wakeEvents,
        (tx, work) => outbox.gathered(tx, work),
      );
      inbox = events;
      // The thread that works elsewhere only accepts and writes: its loops would never start.
      if (workElsewhere) return;
      for (const lane of inboxLanes) {
        eventLoops.set(
          lane,
          new ClaimLoop<ClaimedEvent>({
            name: `inbox.${lane}`,
            claim: (limit) => events.claim(lane, limit),
            handle: (event) =>
              events.process(event).then(
                // What a person typed usually causes an answer: look for it at once.
                () => wakeSenders('direct'),
                (err: unknown) =>
                  logger.warn({ err, id: event.id }, 'event handling failed; it is tried again later'),
              ),
            sequenceKey: (event) => event.actor ?? `event:${event.id}`,
            concurrency: eventConcurrency,
            idleMs,
            yieldTo: callbacksInFlight,
            logger,
          }),
        );
      }
      const sender = new MessageSender(
        orm,
        platforms.get,
        new RateGate(),
        cards,
        logger,
        (em, subject) => notifier.refreshCards(em, subject),
        (lane, at) => sendLoops.get(lane)?.wakeAt(at.getTime()),
      );
      for (const lane of lanes) {
        sendLoops.set(
          lane,
          new ClaimLoop<ClaimedMessage>({
            name: `send.${lane}`,
            claim: (limit) => sender.claim(lane, limit),
            handle: (message) => sender.send(message),
            concurrency: messageConcurrency,
            gatherMs: sendGatherMs,
            idleMs,
            yieldTo: callbacksInFlight,
            logger,
          }),
        );
      }
    },
    inbox: () => {
      if (!inbox) throw new Error('the bot runtime has not been registered with the job queue yet');
      return inbox;
    },
    context: () => {
      if (!context) throw new Error('the bot runtime has not been registered with the job queue yet');
      return context;
    },
    work() {
      for (const loop of [...eventLoops.values(), ...sendLoops.values()]) loop.start();
    },
    wake(work) {
      switch (work?.table) {
        case 'inbox_event':
          return wakeEvents(work.lane);
        case 'outbound_message':
          return wakeSenders(work.lane);
        default:
          wakeEvents();
          wakeSenders();
      }
    },
    async start() {
      for (const module of modules) if (context) await module.start?.(context);
    },
    async stop() {
      await Promise.all([...eventLoops.values(), ...sendLoops.values()].map((loop) => loop.stop()));
    },
  };
}
