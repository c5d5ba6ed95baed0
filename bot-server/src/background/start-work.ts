import { lanes } from '../bot/delivery/outbox.js';
import { inboxLanes } from '../bot/inbox.js';
import type { BotRuntime, WorkWritten } from '../bot/module.js';
import type { RunningJobs } from '../jobs/index.js';
import { WorkListener } from '../jobs/work-listener.js';
import type { Logger } from '../logger.js';

/**
 * Starts the background work of one thread: the job queue's workers and schedules, the bot's event
 * handlers and senders, on PostgreSQL the listener that wakes them for work committed by any
 * instance, then the modules' start-up work. Answers how to stop what it started (the job queue is
 * its owner's to stop). In sandbox mode the handlers call the platforms, which are the server: it
 * listens before this runs.
 */
export async function startWork(options: {
  jobs: RunningJobs;
  bot: BotRuntime;
  database: { url: string; embedded: boolean };
  logger: Logger;
}): Promise<() => Promise<void>> {
  const { jobs, bot, database, logger } = options;
  await jobs.work();
  bot.work();
  let listener: WorkListener | undefined;
  const stop = async () => {
    await listener?.stop();
    await bot.stop();
  };
  try {
    if (!database.embedded) {
      listener = new WorkListener(database.url, (payload) => bot.wake(workNotice(payload)), logger);
      await listener.start();
    }
    await bot.start();
  } catch (err) {
    await stop();
    throw err;
  }
  return stop;
}

/**
 * The work a notice names ("inbox_event:person", see the tables' work triggers); a table without a
 * known lane wakes all of that table's lanes, anything else every worker.
 */
export function workNotice(payload: string): WorkWritten | undefined {
  const [table, lane] = payload.split(':');
  if (table === 'inbox_event') return { table, lane: inboxLanes.find((l) => l === lane) };
  if (table === 'outbound_message') return { table, lane: lanes.find((l) => l === lane) };
  return undefined;
}
