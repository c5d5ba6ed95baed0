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
import { QueueApprovalTodos } from './bot/approvals/todo-jobs.js';
import { QueueTagMirror } from './bot/external/corp-tags.js';
import { OutboxMessenger } from './bot/followups/messenger.js';
import { botRuntime } from './bot/module.js';
import { Foreground } from './http/foreground.js';
import { cleanupJobs } from './jobs/cleanup.js';
import { type JobModule, type RunningJobs, startJobs } from './jobs/index.js';
import { WorkListener } from './jobs/work-listener.js';
import { createLogger, type Logger } from './logger.js';
import { miniappRoutes } from './miniapp/routes.js';
import { modules } from './modules/index.js';
import { type PlatformRuntime, setUpPlatforms } from './platforms/setup.js';
import { createSandbox, type Sandbox, sandboxBaseUrls } from './sandbox/index.js';
import { linkDemoTeamChats } from './sandbox/link-demo-teams.js';
import { sandboxPageRoutes } from './sandbox/page/routes.js';

export interface BootOptions {
  logger?: Logger;
  /** Extra background work (features register theirs here; tests add probes). */
  jobModules?: JobModule[];
  routers?: Router[];
  /** The mini-app's H5 build to serve at /app/ (tests point it at their own folder). */
  miniappDir?: string;
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
    const publicUrl = () => config.publicUrl ?? serverUrl.replace('127.0.0.1', 'localhost');
    const platforms = setUpPlatforms({
      config,
      orm,
      logger,
      // Called per event, once the server listens: the bot below exists by then.
      accept: (event) => bot.inbox().accept(event),
      apiBases: () => {
        const sandboxBases = sandboxBaseUrls(serverUrl);
        return {
          wecom: config.wecom?.apiBase ?? sandboxBases.wecomApiBase,
          dingtalkApi: config.dingtalk?.apiBase ?? sandboxBases.dingtalkApiBase,
          dingtalkOapi: config.dingtalk?.oapiBase ?? sandboxBases.dingtalkOapiBase,
        };
      },
      appBaseUrl: () => `${publicUrl()}/app`,
      publicUrl,
    });

    // The bot and every business module of the registry; its workers let callbacks be answered first.
    const foreground = new Foreground();
    const bot = botRuntime(config, platforms, modules, () => foreground.busy());
    const jobs = await startJobs({
      url: db.url,
      embedded: db.embedded,
      orm,
      logger,
      timezone: config.displayTimeZone,
      modules: [bot.jobs, cleanupJobs, ...(options.jobModules ?? [])],
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
    await jobs.work();
    bot.work();
    undo.push(bot.stop);
    if (!db.embedded) {
      // Work committed by any instance wakes this one's event handlers and senders at once.
      const listener = new WorkListener(db.url, (table) => bot.wake(table), logger);
      await listener.start();
      undo.push(() => listener.stop());
    }
    await bot.start();
    logger.info(
      {
        url: serverUrl,
        publicUrl: publicUrl(),
        sandbox: config.sandbox,
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
