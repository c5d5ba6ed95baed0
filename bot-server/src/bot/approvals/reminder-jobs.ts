import type { ApprovalNotices } from '../../domain/approvals/notices.js';
import { scanWaitingTasks } from '../../domain/approvals/reminders.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';
import { OutboxMessenger } from '../followups/messenger.js';

export const approvalReminderJob = 'approvals.remind';

/** `at`: the time the run acts as of (default: when it runs), so tests can look days ahead. */
export interface ApprovalReminderRun {
  at?: string;
}

export async function enqueueApprovalReminders(queue: JobQueue): Promise<void> {
  await queue.send(approvalReminderJob, {}, { singletonKey: approvalReminderJob });
}

/**
 * Every ten minutes, and once at start: 催办 and 超时转交 of the tasks that waited the flow's hours
 * (domain/approvals/reminders.ts). Each (task, stage) is claimed in the firing table, so
 * overlapping runs and instances act once.
 */
export const approvalReminderJobs =
  (notices: ApprovalNotices): BotFeature =>
  ({ queue, scheduler, orm, logger, outbox, platforms, config }) => {
    const messenger = new OutboxMessenger(outbox, platforms.get);
    queue.define<ApprovalReminderRun>({
      name: approvalReminderJob,
      handler: async (run) => {
        const at = run.at ? new Date(run.at) : new Date();
        const done = await scanWaitingTasks(orm.em.fork(), at, config.displayTimeZone, {
          notices,
          messenger,
        });
        if (done.reminded + done.escalated > 0) logger.info(done, 'approval reminders sent');
      },
    });
    scheduler.add({
      name: approvalReminderJob,
      cron: '0 */10 * * * *',
      run: () => enqueueApprovalReminders(queue),
    });
  };
