import { expireContracts } from '../../domain/contracts/lifecycle.js';
import { localDate } from '../../domain/followups/local-time.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';

export const expireContractsJob = 'contracts.expire';

/** `at`: the time the run acts as of (default: when it runs), so tests can look a year ahead. */
export interface ExpireContractsRun {
  at?: string;
}

export async function enqueueContractExpiry(queue: JobQueue): Promise<void> {
  await queue.send(expireContractsJob, {}, { singletonKey: expireContractsJob });
}

/**
 * Hourly, and once at start, contracts past their end date (the company's day) become 已到期. The
 * update is idempotent, so a missed run is made up by the next and two instances do no harm.
 */
export const contractJobs: BotFeature = ({ queue, scheduler, orm, logger, config }) => {
  queue.define<ExpireContractsRun>({
    name: expireContractsJob,
    handler: async (run) => {
      const today = localDate(run.at ? new Date(run.at) : new Date(), config.displayTimeZone);
      const expired = await expireContracts(orm.em.fork(), today);
      if (expired > 0) logger.info({ expired }, 'contracts expired');
    },
  });
  scheduler.add({ name: expireContractsJob, cron: '0 5 * * * *', run: () => enqueueContractExpiry(queue) });
};
