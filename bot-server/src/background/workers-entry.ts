// The workers' thread (workers-thread.ts starts it): the bot's event handlers and senders, card
// refreshes and the job queue's workers and schedules, with an ORM and pools of their own. The
// server's thread keeps the door (callbacks, API, sandbox) and tells this one what it wrote.
import { parentPort, workerData } from 'node:worker_threads';
import { ormConfig } from '@kelian/orm';
import { MikroORM } from '@mikro-orm/postgresql';
import { botRuntime } from '../bot/module.js';
import { foregroundBusy } from '../http/foreground.js';
import { cleanupJobs } from '../jobs/cleanup.js';
import { startJobs } from '../jobs/index.js';
import { createLogger } from '../logger.js';
import { modules } from '../modules/index.js';
import { platformsOfServer } from '../platforms/at-server.js';
import { startWork } from './start-work.js';
import type { FromWorkers, ToWorkers, WorkersSetup } from './thread-messages.js';

const port = parentPort!;
const tell = (message: FromWorkers) => port.postMessage(message);
const { config, database, serverUrl, callbacksInFlight } = workerData as WorkersSetup;
const logger = createLogger(config.logLevel).child({ thread: 'workers' });

// Fewer connections than the server thread's (which serves twenty people at once): the handlers'
// and senders' claims are batched, and several instances share one PostgreSQL's connections.
const orm = await MikroORM.init(ormConfig(database.url, { pool: { min: 0, max: 10 } }));
try {
  const platforms = platformsOfServer({
    config,
    orm,
    logger,
    serverUrl: () => serverUrl,
    // Callbacks and DingTalk Stream are received by the server's thread, never here.
    accept: () => Promise.reject(new Error('platform events are received by the server thread')),
  });
  const bot = botRuntime(config, platforms, modules, {
    callbacksInFlight: foregroundBusy(callbacksInFlight),
  });
  const jobs = await startJobs({
    url: database.url,
    embedded: database.embedded,
    orm,
    logger,
    timezone: config.displayTimeZone,
    modules: [bot.jobs, cleanupJobs],
  });
  const stopWork = await startWork({ jobs, bot, database, logger }).catch(async (err: unknown) => {
    await jobs.stop();
    throw err;
  });
  port.on('message', (message: ToWorkers) => {
    if (message.type === 'wake')
      for (const work of message.work) 'job' in work ? jobs.queue.wake(work.job) : bot.wake(work);
    if (message.type === 'stop')
      void (async () => {
        await stopWork();
        await jobs.stop();
        await orm.close(true);
        tell({ type: 'stopped' });
        port.close();
      })().catch((err: unknown) => {
        logger.error({ err }, 'the workers did not stop cleanly');
        process.exit(1);
      });
  });
  tell({ type: 'ready' });
} catch (err) {
  await orm.close(true);
  tell({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
