import { scanFollowUpRules } from '../../domain/followups/engine.js';
import { remindDueTasks } from '../../domain/followups/reminders.js';
import { sendMorningSummaries } from '../../domain/followups/summary.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { BotFeature } from '../../modules/contract.js';
import type { PlatformResolver } from '../../platforms/common.js';
import { OutboxMessenger } from './messenger.js';

export const followUpJobNames = {
  rules: 'followups.rules',
  remind: 'followups.remind',
  summary: 'followups.morning-summary',
} as const;

/**
 * `at`: the time the run acts as of (default: when it runs). Every run looks at everything due by
 * then, so the schedule never has to be on time, and tests can run the engine "three days later".
 */
export interface FollowUpRun {
  at?: string;
}

/** Enqueues one run of each: every minute, and at start so that downtime is made up at once. */
export async function enqueueFollowUpRuns(queue: JobQueue, run: FollowUpRun = {}): Promise<void> {
  for (const name of Object.values(followUpJobNames)) await queue.send(name, run);
}

/**
 * The follow-up engine's time-driven work: rules fire, due tasks are reminded with their card,
 * the morning summary goes out from 09:00. Each job claims its work row by row (Firing,
 * remindedAt), so runs may overlap and instances may race: everything still happens once.
 */
export function followUpJobs(timeZone: string, platforms: PlatformResolver): BotFeature {
  return ({ queue, scheduler, orm, logger, notifier, outbox }) => {
    const messenger = new OutboxMessenger(outbox, platforms);
    const at = (run: FollowUpRun) => (run.at ? new Date(run.at) : new Date());
    queue.define<FollowUpRun>({
      name: followUpJobNames.rules,
      handler: async (run) => {
        const fired = await scanFollowUpRules(orm.em.fork(), at(run), timeZone, messenger);
        if (fired > 0) logger.info({ fired }, 'follow-up rules fired');
      },
    });
    queue.define<FollowUpRun>({
      name: followUpJobNames.remind,
      handler: async (run) => {
        const reminded = await remindDueTasks(orm.em.fork(), at(run), notifier);
        if (reminded.length > 0) logger.info({ reminded }, 'task reminders sent');
      },
    });
    queue.define<FollowUpRun>({
      name: followUpJobNames.summary,
      handler: async (run) => {
        const sent = await sendMorningSummaries(orm.em.fork(), at(run), timeZone, messenger);
        if (sent > 0) logger.info({ sent }, 'morning summaries sent');
      },
    });
    scheduler.add({ name: 'followups', cron: '0 * * * * *', run: () => enqueueFollowUpRuns(queue) });
  };
}
