import type { CardSubject, Recipients } from '../../domain/notify/notifier.js';
import type { BotFeature } from '../module.js';
import { CardDelivery, postCardJob, refreshCardsJob } from './card-jobs.js';

/** Card delivery jobs, and the bookkeeping every card click needs before its action runs. */
export const cardsFeature: BotFeature = ({ bot, queue, orm, logger, platforms }) => {
  const delivery = new CardDelivery(orm, platforms, logger);
  queue.define<{ subject: CardSubject; recipients: Recipients }>({
    name: postCardJob,
    handler: ({ subject, recipients }) => delivery.post(subject, recipients),
  });
  queue.define<{ subject: CardSubject }>({
    name: refreshCardsJob,
    handler: ({ subject }) => delivery.refresh(subject),
  });
  bot.on('card_action', async (em, event) => {
    if (event.responseCode)
      await delivery.rememberResponseCode(em, event.cardId, event.from, event.responseCode);
  });
};
