import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobModule } from '../jobs/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import type { PlatformResolver } from '../platforms/common.js';
import { Bot } from './bot.js';
import { presentCard } from './cards/presenters.js';
import { helpCommand } from './commands/help.js';
import { whoamiCommand } from './commands/whoami.js';
import { Outbox, type SendJob, sendJobs } from './delivery/outbox.js';
import { RateGate } from './delivery/rate-gate.js';
import { MessageSender } from './delivery/sender.js';
import { type HandleEvent, handleEventJobs, Inbox } from './inbox.js';

/** What a feature gets to plug itself in: the bot to teach, and the queue for its own jobs. */
export interface FeatureContext {
  bot: Bot;
  queue: JobQueue;
  orm: MikroORM;
  logger: Logger;
  platforms: PlatformResolver;
}

/** Features add their commands, card actions, event handlers and jobs here. */
export type BotFeature = (ctx: FeatureContext) => void;

/** The bot's background work: handle stored events, deliver outbound messages. */
export function botModule(platforms: PlatformResolver, features: BotFeature[] = []): JobModule {
  return ({ queue, orm, logger }) => {
    const inbox = new Inbox(orm, queue);
    const bot = new Bot(new Outbox(queue));
    bot.command(helpCommand(() => bot.commands)).command(whoamiCommand);
    for (const feature of features) feature({ bot, queue, orm, logger, platforms });
    for (const name of Object.values(handleEventJobs)) {
      queue.define<HandleEvent>({
        name,
        batchSize: 8,
        sequenceKey: (job) => job.actor ?? `event:${job.id}`,
        handler: ({ id }) => inbox.process(id, (em, event) => bot.dispatch(em, event)),
      });
    }
    const sender = new MessageSender(orm, platforms, queue, new RateGate(), presentCard, logger);
    for (const name of Object.values(sendJobs)) {
      queue.define<SendJob>({
        name,
        batchSize: 16,
        // An outage is waited out: backoff up to five minutes, for about two hours in all.
        retryLimit: 30,
        handler: (job) => sender.send(job),
      });
    }
  };
}
