import type { Config } from '@kelian/config';
import type Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApiDeps, ApiState } from '../api/deps.js';
import type { RouteDoc } from '../api/openapi/route-doc.js';
import type { Bot } from '../bot/bot.js';
import type { CardNotifier } from '../bot/cards/card-jobs.js';
import type { CardKind } from '../bot/cards/presenter.js';
import type { Outbox } from '../bot/delivery/outbox.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Scheduler } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import type { PlatformRuntime } from '../platforms/setup.js';

/** What every business module is handed to plug itself in. */
export interface ModuleContext {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  /** Durable jobs: define them in `register`, send them from anywhere. */
  queue: JobQueue;
  /** Schedules: keep each tiny (enqueue a job); one instance runs each slot. */
  scheduler: Scheduler;
  /** The bot to teach commands, card actions and platform event handlers. */
  bot: Bot;
  /** The platforms; their clients are built on first use (in sandbox mode, once the server listens). */
  platforms: PlatformRuntime;
  /** Cards the module's changes cause: planned in the caller's transaction, one delivery per platform. */
  notifier: CardNotifier;
  /** Texts and cards to people, in the caller's transaction. */
  outbox: Outbox;
}

/** A module's part in the bot (commands, card actions, event handlers) or its jobs: what `register` calls. */
export type BotFeature = (ctx: ModuleContext) => void;

/**
 * One business module (customers, leads, sales, …), the unit a newcomer copies. Everything it
 * contributes is declared here, and boot, the API, the bot and the card delivery loop over the
 * registry (modules/index.ts). The module's folders: see bot-server/src/README.md.
 */
export interface KelianModule {
  /** Unique, in English: `leads`, `sales`. */
  name: string;
  /** Bot commands, card actions and event handlers, job definitions and schedules. Runs once, before any job. */
  register?(ctx: ModuleContext): void;
  /**
   * Its cards by subject type: a card of that subject is rendered with these when sent and on every
   * update. Made from the configuration, for cards that speak of "today" in the company's time zone.
   */
  cards?(config: ModuleContext['config']): Record<string, CardKind>;
  /** Its REST routes (mounted under /api) and their OpenAPI description. */
  api?: {
    routers(deps: ApiDeps): Router<ApiState>[];
    docs(config: ApiDeps['config']): RouteDoc[];
  };
  /** Work queued once the server listens (first syncs and scans, so downtime is made up at once). */
  start?(ctx: ModuleContext): Promise<void>;
}
