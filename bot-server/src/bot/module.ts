import type { JobModule } from '../jobs/index.js';
import { Bot } from './bot.js';
import { helpCommand } from './commands/help.js';
import { whoamiCommand } from './commands/whoami.js';
import { type Delivery, deliver, deliverJob, Outbox, type PlatformResolver } from './delivery.js';
import { handleEventJob, Inbox } from './inbox.js';

/** Features add their commands, card actions and event handlers to the bot here. */
export type BotFeature = (bot: Bot) => void;

/** The bot's background work: handle stored events, deliver outbound messages. */
export function botModule(platforms: PlatformResolver, features: BotFeature[] = []): JobModule {
  return ({ queue, orm }) => {
    const inbox = new Inbox(orm, queue);
    const bot = new Bot(new Outbox(queue));
    bot.command(helpCommand(() => bot.commands)).command(whoamiCommand);
    for (const feature of features) feature(bot);
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
