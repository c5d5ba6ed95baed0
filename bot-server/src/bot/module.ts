import type { Config } from '@kelian/config';
import type { CardSubject } from '../domain/notify/notifier.js';
import type { JobModule } from '../jobs/index.js';
import type { KelianModule, ModuleContext } from '../modules/contract.js';
import type { PlatformRuntime } from '../platforms/setup.js';
import { Bot } from './bot.js';
import { CardNotifier, CardRefresher, refreshCardsJob } from './cards/card-jobs.js';
import { cardPresenting } from './cards/presenter.js';
import { helpCommand } from './commands/help.js';
import { whoamiCommand } from './commands/whoami.js';
import { Outbox, type SendJob, sendJobs } from './delivery/outbox.js';
import { RateGate } from './delivery/rate-gate.js';
import { MessageSender } from './delivery/sender.js';
import { type HandleEvent, handleEventJobs, Inbox } from './inbox.js';

export interface BotRuntime {
  /** Registers everything with the job queue before it starts. */
  jobs: JobModule;
  /** The door every verified platform event comes through (available once `jobs` has run). */
  inbox(): Inbox;
  /** Runs every module's start-up work (once the server listens). */
  start(): Promise<void>;
}

/**
 * The bot and everything around it: stored events handled by the bot, outbound messages delivered,
 * sent cards kept current; and every business module in `modules` plugged in with one context.
 */
export function botRuntime(
  config: Config,
  platforms: PlatformRuntime,
  modules: readonly KelianModule[],
): BotRuntime {
  let context: ModuleContext | undefined;
  let inbox: Inbox | undefined;
  return {
    jobs: ({ queue, scheduler, orm, logger }) => {
      const outbox = new Outbox(queue);
      const bot = new Bot(outbox);
      bot.command(helpCommand(() => bot.commands)).command(whoamiCommand);
      context = {
        config,
        orm,
        logger,
        queue,
        scheduler,
        bot,
        platforms,
        outbox,
        notifier: new CardNotifier(queue),
      };
      inbox = new Inbox(orm, queue);
      const present = cardPresenting(Object.assign({}, ...modules.map((m) => m.cards ?? {})));
      const refresher = new CardRefresher(orm, platforms.get, outbox, present, logger);
      // A clicker's WeCom response code allows one more update of that card: kept before any action runs.
      bot.on('card_action', async (em, event) => {
        if (event.responseCode)
          await refresher.rememberResponseCode(em, event.cardId, event.from, event.responseCode);
      });
      for (const module of modules) module.register?.(context);

      for (const name of Object.values(handleEventJobs)) {
        queue.define<HandleEvent>({
          name,
          batchSize: 8,
          sequenceKey: (job) => job.actor ?? `event:${job.id}`,
          handler: ({ id }) => inbox!.process(id, (em, event) => bot.dispatch(em, event)),
        });
      }
      const sender = new MessageSender(orm, platforms.get, queue, new RateGate(), present, logger);
      for (const name of Object.values(sendJobs)) {
        queue.define<SendJob>({
          name,
          batchSize: 16,
          // An outage is waited out: backoff up to five minutes, for about two hours in all.
          retryLimit: 30,
          handler: (job) => sender.send(job),
        });
      }
      queue.define<{ subject: CardSubject }>({
        name: refreshCardsJob,
        batchSize: 8,
        sequenceKey: ({ subject }) => `${subject.type}:${subject.id}`,
        handler: ({ subject }) => refresher.refresh(subject),
      });
    },
    inbox: () => {
      if (!inbox) throw new Error('the bot runtime has not been registered with the job queue yet');
      return inbox;
    },
    async start() {
      for (const module of modules) if (context) await module.start?.(context);
    },
  };
}
