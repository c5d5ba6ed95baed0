import type { Config } from '@kelian/config';
import type { RouterContext } from '@koa/router';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ApprovalTodos } from '../domain/approvals/todos.js';
import type { Messenger } from '../domain/notify/messenger.js';
import type { Notifier } from '../domain/notify/notifier.js';
import type { TagMirror } from '../domain/tags/mirror.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import type { PlatformRuntime } from '../platforms/setup.js';
import type { SessionState } from './session-middleware.js';

/**
 * What the API needs from the server, and only that. `orm` and `platforms` are used at request
 * time only: boot.ts hands over its own; a test can hand over stand-ins bound to a server that
 * boots after the router is built.
 */
export interface ApiDeps {
  config: Pick<
    Config,
    | 'sandbox'
    | 'publicUrl'
    | 'wecom'
    | 'dingtalk'
    | 'leadWebhookSecret'
    | 'displayTimeZone'
    | 'authAttemptsPerMinute'
  >;
  /** Inside a request, `orm.em` is that request's own context (app.ts opens one per request). */
  orm: Pick<MikroORM, 'em'>;
  platforms: Pick<PlatformRuntime, 'wecomClient' | 'dingtalkClient' | 'dingtalkStreamConnected'>;
  /** Cards the API's changes cause go out through the same jobs as the bot's. */
  notifier: Notifier;
  /** Plain texts the API's changes cause (a customer handed to someone), in people's direct chats. */
  messenger: Messenger;
  /** Customers' tag changes shown on the platform (WeCom mark_tag), as jobs. */
  tagMirror: TagMirror;
  /** Approval tasks mirrored in the approvers' DingTalk 待办, as jobs. */
  approvalTodos: ApprovalTodos;
  /** Background work the API starts (an admin's full sync). */
  queue: Pick<JobQueue, 'send'>;
}

/** ctx.state of an API request: the request's logger and id (http/request-id.ts) and the session. */
export interface ApiState extends SessionState {
  log: Logger;
  requestId: string;
}

export type ApiContext = RouterContext<ApiState>;
