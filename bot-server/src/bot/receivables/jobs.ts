import { remindReceivables } from '../../domain/receivables/reminders.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';

export const receivableReminderJob = 'receivables.remind';

/** `at`: the time the run acts as of (default: when it runs), so tests can look days ahead. */
export interface ReceivableReminderRun {
  at?: string;
}

export async function enqueueReceivableReminders(queue: JobQueue): Promise<void> {
  await queue.send(receivableReminderJob, {}, { singletonKey: receivableReminderJob });
}

/**
 * Every ten minutes, and once at start: the reminders that fell due (D-3, D0, D+1 at 09:00). Each
 * is claimed in the firing table, so overlapping runs and instances send it once.
 */
export const receivableJobs =
  (timeZone: string): BotFeature =>
  ({ queue, scheduler, orm, logger, notifier }) => {
    queue.define<ReceivableReminderRun>({
      name: receivableReminderJob,
      handler: async (run) => {
        const at = run.at ? new Date(run.at) : new Date();
        const sent = await remindReceivables(orm.em.fork(), at, timeZone, notifier);
        if (sent > 0) logger.info({ sent }, 'receivable reminders sent');
      },
    });
    scheduler.add({
      name: receivableReminderJob,
      cron: '0 */10 * * * *',
      run: () => enqueueReceivableReminders(queue),
    });
  };
