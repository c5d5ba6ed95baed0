import type { Server } from 'node:http';
import type { Config } from '@kelian/config';
import Router from '@koa/router';
import type { Logger } from '../logger.js';
import { createActions, type SandboxActions } from './actions.js';
import { type SandboxContext, sandboxSettings } from './context.js';
import { DINGTALK_API_PATH, DINGTALK_OAPI_PATH, dingtalkApiRouter } from './dingtalk/api.js';
import { STREAM_PATH, StreamGateway } from './dingtalk/stream-gateway.js';
import { inspectRouter, SANDBOX_API_PATH } from './inspect.js';
import { createState, type SandboxState } from './state/index.js';
import { WECOM_BASE_PATH, wecomApiRouter } from './wecom/api.js';

// The sandbox: in-memory stand-ins for WeCom and DingTalk, served by Kelian's own server under
// /sandbox, plus what a person does there. Kelian's clients reach it through ordinary base URLs
// (sandboxBaseUrls), so none of Kelian's platform code knows it is talking to a stand-in.

export type { SandboxActions } from './actions.js';
export type { SandboxState } from './state/index.js';
export type { ChatMessage, MessageFilter } from './state/messages.js';
export { STREAM_PATH };

export interface SandboxOptions {
  config: Config;
  logger: Logger;
  /** Where Kelian's server answers, known once it listens (e.g. http://127.0.0.1:53121). */
  serverUrl: () => string;
  /** The clock of tokens, codes and limits; tests move it forward. */
  now?: () => number;
}

export interface Sandbox {
  /** Every route is below /sandbox; mount it at the app root. */
  router: Router;
  /** Adds the Stream WebSocket to Kelian's HTTP server; returns how to take it off again. */
  attachUpgrade(server: Server): () => void;
  state: SandboxState;
  actions: SandboxActions;
  gateway: StreamGateway;
  /** The zone the chat clients' clocks are in (TZ_DISPLAY): the page shows message times in it. */
  timeZone: string;
  /** Closes Stream connections and cancels pending redeliveries. */
  stop(): Promise<void>;
}

/** The API bases Kelian's clients use in sandbox mode (env WECOM_API_BASE, DINGTALK_*_BASE). */
export function sandboxBaseUrls(serverUrl: string) {
  return {
    wecomApiBase: `${serverUrl}${WECOM_BASE_PATH}`,
    /** Replaces https://open.weixin.qq.com in the OAuth link (…/connect/oauth2/authorize). */
    wecomOAuthBase: `${serverUrl}${WECOM_BASE_PATH}`,
    dingtalkApiBase: `${serverUrl}${DINGTALK_API_PATH}`,
    dingtalkOapiBase: `${serverUrl}${DINGTALK_OAPI_PATH}`,
  };
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const now = options.now ?? Date.now;
  const sb: SandboxContext = {
    ...sandboxSettings(options.config),
    logger: options.logger.child({ component: 'sandbox' }),
    serverUrl: () => options.serverUrl().replace(/\/+$/, ''),
    now,
    state: createState(now),
  };
  const gateway = new StreamGateway(sb);
  const actions = createActions(sb, gateway);
  const router = new Router()
    .use(wecomApiRouter(sb).routes())
    .use(dingtalkApiRouter(sb, gateway).routes())
    .use(inspectRouter(sb, actions, gateway, options.config.sandbox).routes());
  return {
    router,
    attachUpgrade: (server) => gateway.attach(server),
    state: sb.state,
    actions,
    gateway,
    timeZone: options.config.displayTimeZone,
    stop: () => gateway.stop(),
  };
}

export { SANDBOX_API_PATH };
