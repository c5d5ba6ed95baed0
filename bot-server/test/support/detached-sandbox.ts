// The stand-in platforms outside Kelian's process: the sandbox on a small HTTP server of the test
// process, so that a Kelian server can be killed (kill -9) and started again while WeCom and DingTalk,
// and what people see in them, stay up, as the real platforms would.
//
// The server also stands in front of Kelian like a load balancer: every request not below /sandbox
// (the encrypted WeCom callbacks, anything else for Kelian) is passed on to the Kelian process of the
// moment (`route`). So the sandbox's `serverUrl` is this server's own address and never changes: the
// sandbox builds both Kelian's callback URLs and its own addresses (the DingTalk Stream endpoint it
// hands out, session webhooks) from that one URL, and both must outlive a Kelian process.
import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, sandboxDingTalk, sandboxWeCom } from '@kelian/config';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { bodyLimits } from '../../src/app.js';
import { problemResponses } from '../../src/http/errors.js';
import { createLogger } from '../../src/logger.js';
import { createSandbox, type Sandbox, sandboxBaseUrls } from '../../src/sandbox/index.js';

export interface DetachedSandbox {
  /** This server, e.g. http://127.0.0.1:53121: the platforms, and the address Kelian is reached at. */
  url: string;
  sandbox: Sandbox;
  /** Where requests for Kelian go from now on; undefined: they are answered 502 (Kelian is down). */
  route(kelianUrl: string | undefined): void;
  /** Platform API calls to `path` (e.g. `/sandbox/wecom/cgi-bin/message/send`) received so far. */
  received(path: string): number;
  /** …and of those, the ones the stand-in platform has not finished handling yet. */
  inFlight(path: string): number;
  /**
   * The environment of a Kelian process that talks to these platforms: the sandbox corp's
   * credentials as real ones (SANDBOX=false: no sandbox of its own, no sandbox sign-in), the API
   * bases pointing here, and this server as its public address.
   */
  kelianEnv(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startDetachedSandbox(): Promise<DetachedSandbox> {
  // The sandbox corp's settings, exactly as a server in sandbox mode gives them to its sandbox.
  const config = loadConfig({ env: { SANDBOX: 'true', LOG_LEVEL: 'silent' }, envFile: false });
  let url = '';
  let kelian: string | undefined;
  const sandbox = createSandbox({ config, logger: createLogger('silent'), serverUrl: () => url });

  const app = new Koa();
  app.use(problemResponses());
  app.use(bodyParser({ enableTypes: ['json', 'form'], ...bodyLimits }));
  app.use(sandbox.router.routes());
  app.use(sandbox.router.allowedMethods());
  const platforms = app.callback();

  const received = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const bump = (counts: Map<string, number>, path: string, by: number) =>
    counts.set(path, (counts.get(path) ?? 0) + by);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/sandbox/')) {
      bump(received, path, 1);
      bump(inFlight, path, 1);
      // The platform goes on handling a request whose caller died: `close` comes once the answer is
      // written, or at once when the caller is gone, so the count is kept by Koa's own finish.
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        bump(inFlight, path, -1);
      };
      void Promise.resolve(platforms(req, res)).then(finish, finish);
      return;
    }
    forward(req, res, kelian);
  });
  const detach = sandbox.attachUpgrade(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    sandbox,
    route: (to) => {
      kelian = to;
    },
    received: (path) => received.get(path) ?? 0,
    inFlight: (path) => inFlight.get(path) ?? 0,
    kelianEnv() {
      const bases = sandboxBaseUrls(url);
      return {
        SANDBOX: 'false',
        PUBLIC_URL: url,
        WECOM_CORP_ID: sandboxWeCom.corpId,
        WECOM_AGENT_ID: sandboxWeCom.agentId,
        WECOM_SECRET: sandboxWeCom.secret,
        WECOM_TOKEN: sandboxWeCom.token,
        WECOM_ENCODING_AES_KEY: sandboxWeCom.encodingAesKey,
        WECOM_API_BASE: bases.wecomApiBase,
        DINGTALK_CLIENT_ID: sandboxDingTalk.clientId,
        DINGTALK_CLIENT_SECRET: sandboxDingTalk.clientSecret,
        DINGTALK_CORP_ID: sandboxDingTalk.corpId,
        DINGTALK_AGENT_ID: sandboxDingTalk.agentId,
        DINGTALK_CARD_TEMPLATE_ID: sandboxDingTalk.cardTemplateId,
        DINGTALK_MODE: 'stream',
        DINGTALK_API_BASE: bases.dingtalkApiBase,
        DINGTALK_OAPI_BASE: bases.dingtalkOapiBase,
      };
    },
    async stop() {
      detach();
      await sandbox.stop();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Passes one request to Kelian byte for byte (callbacks are signed over their exact bytes). */
function forward(req: IncomingMessage, res: ServerResponse, kelian: string | undefined): void {
  const down = () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('Kelian is not running');
  };
  if (!kelian) {
    req.resume();
    down();
    return;
  }
  const target = new URL(req.url ?? '/', kelian);
  const upstream = request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', down);
  req.pipe(upstream);
}
