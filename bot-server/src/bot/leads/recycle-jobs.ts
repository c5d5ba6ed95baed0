import { recycleIdleLeads } from '../../domain/leads/recycle.js';
import type { BotFeature } from '../../modules/contract.js';

export const recycleLeadsJob = 'leads.recycle';

/**
 * Every ten minutes, idle claimed leads go back to the pool. The scan looks at every lead past its
 * limit, so a run missed while the server was down is made up by the next one.
 */
export const leadRecycleJobs: BotFeature = ({ queue, scheduler, orm, logger, notifier }) => {
  queue.define({
    name: recycleLeadsJob,
    policy: 'stately',
    handler: async () => {
      const recycled = await recycleIdleLeads(orm.em.fork(), notifier);
      if (recycled.length > 0) logger.info({ recycled }, 'idle leads returned to the pool');
    },
  });
  scheduler.add({
    name: recycleLeadsJob,
    cron: '0 */10 * * * *',
    run: async () => {
      await queue.send(recycleLeadsJob, {}, { singletonKey: recycleLeadsJob });
    },
  });
};
