import { localDate } from '../../domain/followups/local-time.js';
import { expireQuotes } from '../../domain/quotes/list.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';

export const expireQuotesJob = 'quotes.expire';

/** `at`: the time the run acts as of (default: when it runs), so tests can look ahead. */
export interface ExpireQuotesRun {
  at?: string;
}

export async function enqueueQuoteExpiry(queue: JobQueue): Promise<void> {
  await queue.send(expireQuotesJob, {}, { singletonKey: expireQuotesJob });
}

/**
 * Hourly, and once at start, quotes not yet converted whose validity ended (the company's day)
 * become 已过期. Idempotent: a missed run is made up by the next, two instances do no harm.
 */
export const quoteJobs: BotFeature = ({ queue, scheduler, orm, logger, config }) => {
  queue.define<ExpireQuotesRun>({
    name: expireQuotesJob,
    handler: async (run) => {
      const today = localDate(run.at ? new Date(run.at) : new Date(), config.displayTimeZone);
      const expired = await expireQuotes(orm.em.fork(), today);
      if (expired > 0) logger.info({ expired }, 'quotes expired');
    },
  });
  scheduler.add({ name: expireQuotesJob, cron: '0 7 * * * *', run: () => enqueueQuoteExpiry(queue) });
};
