import type { CardSubject } from '../../domain/notify/notifier.js';
import { Outbox } from '../delivery/outbox.js';
import type { BotFeature } from '../module.js';
import { CardRefresher, refreshCardsJob } from './card-jobs.js';

/** Keeps sent cards current, and the bookkeeping every card click needs before its action runs. */
export const cardsFeature: BotFeature = ({ bot, queue, orm, logger, platforms }) => {
  const refresher = new CardRefresher(orm, platforms, new Outbox(queue), logger);
  queue.define<{ subject: CardSubject }>({
    name: refreshCardsJob,
    batchSize: 8,
    sequenceKey: ({ subject }) => `${subject.type}:${subject.id}`,
    handler: ({ subject }) => refresher.refresh(subject),
  });
  bot.on('card_action', async (em, event) => {
    if (event.responseCode)
      await refresher.rememberResponseCode(em, event.cardId, event.from, event.responseCode);
  });
};
