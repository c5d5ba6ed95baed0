import { Inbox } from '../bot/inbox.js';
import { deleteExpiredSessions } from '../domain/auth/sessions.js';
import type { JobModule } from './index.js';

const cleanupJob = 'housekeeping.cleanup';

/** Nightly: expired sessions and long-handled inbox events go, so neither table grows forever. */
export const cleanupJobs: JobModule = ({ queue, scheduler, orm, logger }) => {
  queue.define({
    name: cleanupJob,
    handler: async () => {
      const sessions = await deleteExpiredSessions(orm.em.fork());
      const inboxEvents = await new Inbox(orm, queue).prune(30);
      logger.info({ sessions, inboxEvents }, 'cleaned up');
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
