import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '@kelian/config';
import {
  ensureBuiltInRoles,
  ensureDefaultPipeline,
  loadDemoDataIfEmpty,
  migrate,
  ormConfig,
  startDatabase,
  withStartupLock,
} from '@kelian/orm';
import type Router from '@koa/router';
import { MikroORM } from '@mikro-orm/postgresql';
import { grantCommandName, grantFromCommandLine } from './admin/grant.js';
import { apiRouter } from './api/index.js';
import { createApp } from './app.js';
import { startWork } from './background/start-work.js';
import { startWorkersThread, type WorkersThread } from './background/workers-thread.js';
import { QueueApprovalTodos } from './bot/approvals/todo-jobs.js';
import { QueueTagMirror } from './bot/external/corp-tags.js';
import { OutboxMessenger } from './bot/followups/messenger.js';
import { botRuntime } from './bot/module.js';
import { Foreground } from './http/foreground.js';
import { cleanupJobs } from './jobs/cleanup.js';
import { type JobModule, type RunningJobs, startJobs } from './jobs/index.js';
import { createLogger, type Logger } from './logger.js';
import { miniappRoutes } from './miniapp/routes.js';
import { modules } from './modules/index.js';
import { platformsOfServer, publicUrlOf } from './platforms/at-server.js';
import type { PlatformRuntime } from './platforms/setup.js';
import { createSandbox, type Sandbox } from './sandbox/index.js';
import { linkDemoTeamChats } from './sandbox/link-demo-teams.js';
import { sandboxPageRoutes } from './sandbox/page/routes.js';

export interface BootOptions {
  logger?: Logger;
  /** Extra background work (features register theirs here; tests add probes). */
  jobModules?: JobModule[];
  routers?: Router[];
  /** The mini-app's H5 build to serve at /app/ (tests point it at their own folder). */
  miniappDir?: string;
  /**
   * Where the background work runs: `thread`, a worker thread of its own (main.ts with
   * WORKERS_THREAD=true); `inline` (the default), the server's thread, where tests also add job
   * modules and watch the workers.
   */
  workers?: 'thread' | 'inline';
  /** The workers' thread ended without being asked to: main.ts exits so that it is restarted. */
  onWorkersLost?: (err: Error) => void;
}

export interface RunningServer {
  /** Where this server answers, e.g. http://127.0.0.1:53121 */
  url: string;
  port: number;
  orm: MikroORM;
  jobs: RunningJobs;
  databaseUrl: string;
  logger: Logger;
  /** The stand-in platforms, in sandbox mode. */
  sandbox: Sandbox | undefined;
  platforms: PlatformRuntime;
  /** Graceful: stop accepting, finish in-flight requests, stop jobs, close the database. */
  stop(): Promise<void>;
}

// config → database → ORM (+ migrations, demo data) → jobs → HTTP. Each step is undone in reverse
// order by stop(), and by a failure of a later step.
export async function boot(config: Config, options: BootOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const undo: (() => Promise<void>)[] = [];
  const unwind = async () => {
    for (const step of undo.reverse())
      await step().catch((err) => logger.error({ err }, 'shutdown step failed'));
    undo.length = 0;
  };
  try {
    const started = performance.now();
    const db = await startDatabase(config.database);
    undo.push(db.stop);
    logger.info(
      db.embedded ? { embedded: true, dataDir: config.database.dataDir } : { embedded: false },
      'database up',
    );
    // The embedded database's socket is the server's own: every connection to it shares the one
    // PGlite session, so a psql there could break the server (search_path, a long transaction).
    // People use `npm run db:shell` / `db:dump` (clones); the URL is for debugging and tests only.
    if (db.embedded) logger.debug({ socket: db.url }, 'embedded database socket');

    const orm = await MikroORM.init(ormConfig(db.url));
    undo.push(() => orm.close(true));
    // Instances starting at once on one PostgreSQL database take turns: the first migrates and
    // seeds, the others wait for it and find the work done (see withStartupLock).
    await withStartupLock(
      db.url,
      async () => {
        const applied = await migrate(orm);
        if (applied.length > 0) logger.info({ applied }, 'migrations applied');
        await ensureDefaultPipeline(orm.em.fork());
        await ensureBuiltInRoles(orm.em.fork());
        if (config.sandbox && config.sandboxDemoData) {
          const demo = await loadDemoDataIfEmpty(orm.em.fork());
          if (demo) logger.info(demo, 'demo data loaded');
        }
      },
      { onWait: () => logger.info('another instance is migrating the database; waiting for it') },
    );
    // `npm run admin -- grant` on the embedded database, which admits no second process.
    db.serve(grantCommandName, (identifier) => grantFromCommandLine(orm.em.fork(), identifier));

    // Known once the server listens; the sandbox and, in sandbox mode, the platform clients need it.
    let serverUrl = '';
    const platforms = platformsOfServer({
      config,
      orm,
      logger,
      serverUrl: () => serverUrl,
      // Called per event, once the server listens: the bot below exists by then.
      accept: (event) => bot.inbox().accept(event),
    });

    // The bot and every business module of the registry. Its workers let callbacks be answered first
    // (in either thread: they share the cores); in a thread of their own they are told what this
    // thread writes for them.
    const inThread = options.workers === 'thread';
    if (inThread && options.jobModules?.length)
      throw new Error('extra job modules run only with the workers in the server thread');
    const foreground = new Foreground();
    let workersThread: WorkersThread | undefined;
    const bot = botRuntime(
      config,
      platforms,
      modules,
      inThread
        ? { workElsewhere: (work) => workersThread?.wake(work) }
        : { callbacksInFlight: foreground.busy },
    );
    const jobs = await startJobs({
      url: db.url,
      embedded: db.embedded,
      orm,
      logger,
      timezone: config.displayTimeZone,
      modules: [bot.jobs, cleanupJobs, ...(options.jobModules ?? [])],
      ...(inThread ? { workElsewhere: (job: string) => workersThread?.wake({ job }) } : {}),
    });
    undo.push(jobs.stop);

    const sandbox = config.sandbox
      ? createSandbox({ config, logger, serverUrl: () => serverUrl })
      : undefined;
    if (sandbox) await linkDemoTeamChats(orm, sandbox.state.org.groups);
    const app = createApp({
      orm,
      logger,
      foreground,
      trustProxy: config.trustProxy,
      routers: [
        ...platforms.routers,
        ...(sandbox ? [sandbox.router, sandboxPageRoutes(sandbox)] : []),
        apiRouter({
          config,
          orm,
          platforms,
          notifier: bot.context().notifier,
          messenger: new OutboxMessenger(bot.context().outbox, platforms.get),
          tagMirror: new QueueTagMirror(jobs.queue),
          approvalTodos: new QueueApprovalTodos(jobs.queue),
          queue: jobs.queue,
        }),
        miniappRoutes(options.miniappDir),
        ...(options.routers ?? []),
      ],
    });
    const server = createServer(app.callback());
    server.listen(config.port);
    await once(server, 'listening');
    undo.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive sockets with no request in flight would hold close() open forever.
          server.closeIdleConnections();
        }),
    );
    const port = (server.address() as AddressInfo).port;
    serverUrl = `http://127.0.0.1:${port}`;
    if (sandbox) {
      const detach = sandbox.attachUpgrade(server);
      undo.push(async () => {
        detach();
        await sandbox.stop();
      });
    }
    await platforms.start();
    undo.push(platforms.stop);
    // Background work starts last: its handlers call the platforms, which in sandbox mode are this
    // very server, now listening.
    if (inThread) {
      const thread = await startWorkersThread(
        {
          config,
          database: { url: db.url, embedded: db.embedded },
          serverUrl,
          callbacksInFlight: foreground.shared,
        },
        logger,
        options.onWorkersLost ?? (() => {}),
      );
      workersThread = thread;
      undo.push(() => thread.stop());
      // Work written before the thread was there (events accepted during its start-up).
      thread.wake({ table: 'inbox_event' });
      thread.wake({ table: 'outbound_message' });
    } else {
      undo.push(await startWork({ jobs, bot, database: { url: db.url, embedded: db.embedded }, logger }));
    }
    logger.info(
      {
        url: serverUrl,
        publicUrl: publicUrlOf(config, serverUrl),
        sandbox: config.sandbox,
        workers: inThread ? 'thread' : 'inline',
        ms: Math.round(performance.now() - started),
      },
      'kelian is listening',
    );
    return { url: serverUrl, port, orm, jobs, databaseUrl: db.url, logger, sandbox, platforms, stop: unwind };
  } catch (err) {
    await unwind();
    throw err;
  }
}
