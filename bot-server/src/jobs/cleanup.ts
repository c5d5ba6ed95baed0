import { pruneRateCounters } from '../api/auth/attempts.js';
import { pruneReplayGuard } from '../api/leads/replay.js';
import { pruneDeliveries } from '../bot/delivery/prune.js';
import { pruneInbox } from '../bot/inbox.js';
import { deleteExpiredSessions } from '../domain/auth/sessions.js';
import type { JobModule } from './index.js';

const cleanupJob = 'housekeeping.cleanup';

/**
 * Nightly: expired sessions, long-handled inbox events, long-delivered messages and spent rate slots,
 * webhook signatures past their window and old sign-in counters go, so no table grows forever.
 */
export const cleanupJobs: JobModule = ({ queue, scheduler, orm, logger }) => {
  queue.define({
    name: cleanupJob,
    handler: async () => {
      const sessions = await deleteExpiredSessions(orm.em.fork());
      const inboxEvents = await pruneInbox(orm.em.fork(), 30);
      const webhookSignatures = await pruneReplayGuard(orm.em.fork());
      const rateCounters = await pruneRateCounters(orm.em.fork());
      const deliveries = await pruneDeliveries(orm.em.fork(), 30);
      logger.info({ sessions, inboxEvents, webhookSignatures, rateCounters, deliveries }, 'cleaned up');
    },
  });
  scheduler.add({
    name: cleanupJob,
    cron: '0 45 3 * * *',
    run: async () => {
      await queue.send(cleanupJob, {}, { singletonKey: cleanupJob });
    },
  });
};
