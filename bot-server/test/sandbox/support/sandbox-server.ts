import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, loadConfig } from '@kelian/config';
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import Koa from 'koa';
import { bodyLimits } from '../../../src/app.js';
import { problemResponses } from '../../../src/http/errors.js';
import { requestId } from '../../../src/http/request-id.js';
import { createLogger } from '../../../src/logger.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.js';

export interface SandboxServer {
  url: string;
  sandbox: Sandbox;
  /** Moves the sandbox's clock forward (token, code and rate-limit lifetimes). */
  advance(ms: number): void;
  stop(): Promise<void>;
}

/**
 * The sandbox router in a small Koa app with the server's own middleware, on a random port. `routes`
 * stand in for Kelian's callback routes the sandbox delivers to (/wecom/callback, /dingtalk/*).
 */
export async function startSandboxServer(
  env: Record<string, string> = {},
  routes: Router[] = [],
  overrides: Partial<Config> = {},
): Promise<SandboxServer> {
  const config = {
    ...loadConfig({ env: { SANDBOX: 'true', LOG_LEVEL: 'silent', ...env }, envFile: false }),
    ...overrides,
  };
  const logger = createLogger('silent');
  let offset = 0;
  let url = '';
  const sandbox = createSandbox({ config, logger, serverUrl: () => url, now: () => Date.now() + offset });
  const app = new Koa();
  app.use(requestId(logger));
  app.use(problemResponses());
  app.use(bodyParser({ enableTypes: ['json', 'form', 'text', 'xml'], ...bodyLimits }));
  for (const router of [sandbox.router, ...routes]) app.use(router.routes());
  const server = createServer(app.callback());
  const detach = sandbox.attachUpgrade(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sandbox,
    advance: (ms) => {
      offset += ms;
    },
    stop: async () => {
      detach();
      await sandbox.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GET or POST JSON; returns the status and the parsed body. */
export async function call(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : JSON.parse(text) };
}
