import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobModule } from '../jobs/index.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import { Bot } from './bot.js';
import { helpCommand } from './commands/help.js';
import { whoamiCommand } from './commands/whoami.js';
import { type Delivery, deliver, deliverJob, Outbox, type PlatformResolver } from './delivery.js';
import { handleEventJob, Inbox } from './inbox.js';

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
    queue.define<{ id: number }>({
      name: handleEventJob,
      handler: ({ id }) => inbox.process(id, (em, event) => bot.dispatch(em, event)),
    });
    queue.define<Delivery>({
      name: deliverJob,
      retryLimit: 8,
      handler: (delivery) => deliver(platforms, delivery),
    });
  };
}
