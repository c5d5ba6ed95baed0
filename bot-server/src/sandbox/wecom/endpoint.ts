import type { Context, Middleware } from 'koa';
import type { SandboxContext } from '../context.js';
import { WeComError } from './errors.js';

export type Json = Record<string, unknown>;

export interface WeComCall {
  query(name: string): string | undefined;
  body: Json;
}

interface EndpointOptions {
  /** Needs `?access_token=` (everything but gettoken, the webhook and the OAuth page). */
  token: boolean;
  /** Counts toward the per-corp per-API base limit; message sends do not (§4.2). */
  baseLimit: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The address as an IPv4 caller's is written (Node reports ::ffff:127.0.0.1 on dual-stack sockets). */
const callerIp = (ip: string) => ip.replace(/^::ffff:/, '');

export function queryValue(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One cgi-bin endpoint: failure switches first (they stand for WeCom's own trouble), then the
 * access token, the base rate limit, and the handler. Every answer is HTTP 200 with errcode.
 */
export function wecomEndpoint(
  sb: SandboxContext,
  api: string,
  options: EndpointOptions,
  handler: (call: WeComCall) => Json | Promise<Json>,
): Middleware {
  return async (ctx) => {
    try {
      const forced = sb.state.switches.take('wecom', api);
      if (forced?.platform === 'wecom') {
        if (forced.latencyMs) await sleep(forced.latencyMs);
        // Worded exactly as WeCom words it; 60020 names the caller's egress address, the IP to trust.
        if (forced.errcode !== undefined)
          throw new WeComError(
            forced.errcode,
            undefined,
            forced.errcode === 60020 ? callerIp(ctx.ip) : undefined,
          );
      }
      if (options.token) {
        const check = sb.state.wecom.tokens.check(queryValue(ctx, 'access_token'));
        if (!check.ok) throw new WeComError({ missing: 41001, invalid: 40014, expired: 42001 }[check.reason]);
      }
      if (options.baseLimit && !sb.state.wecom.apiCalls.take(api)) throw new WeComError(45009);
      const body = ctx.request.body;
      const result = await handler({
        query: (name) => queryValue(ctx, name),
        body: typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {},
      });
      ctx.body = { errcode: 0, errmsg: 'ok', ...result };
    } catch (error) {
      if (!(error instanceof WeComError)) throw error;
      ctx.body = error.body(Math.floor(sb.now() / 1000));
    }
  };
}
