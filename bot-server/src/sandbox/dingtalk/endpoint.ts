import type { Context, Middleware } from 'koa';
import type { SandboxContext } from '../context.js';
import { randomAlnum } from '../state/ids.js';
import { DingTalkApiError, failureError, IpBanned, OapiError } from './errors.js';

export type Json = Record<string, unknown>;

export interface DingTalkCall {
  query(name: string): string | undefined;
  /** A parameter of the path (`:unionId` in /v1.0/todo/users/:unionId/tasks). */
  param(name: string): string | undefined;
  body: Json;
}

/** Where the token goes: the new API's header, oapi's query, or none (token and webhook calls). */
type TokenPlace = 'header' | 'query' | 'none';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function query(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One DingTalk endpoint: failure switches, the per-app per-API 20 QPS limit, the access token,
 * then the handler; errors in the shape of the host (`api` or `oapi`).
 */
export function dingtalkEndpoint(
  sb: SandboxContext,
  host: 'api' | 'oapi',
  api: string,
  token: TokenPlace,
  handler: (call: DingTalkCall) => Json | Promise<Json>,
): Middleware {
  return async (ctx) => {
    const requestId = randomAlnum(32);
    try {
      const forced = sb.state.switches.take('dingtalk', api);
      if (forced?.platform === 'dingtalk') {
        if (forced.latencyMs) await sleep(forced.latencyMs);
        if (forced.failure) throw failureError(forced.failure, host);
      }
      if (!sb.state.dingtalk.qps.take(api)) throw failureError('qps_app', host);
      if (token !== 'none')
        checkToken(
          sb,
          host,
          token === 'header' ? ctx.get('x-acs-dingtalk-access-token') : query(ctx, 'access_token'),
        );
      const body = ctx.request.body;
      const result = await handler({
        query: (name) => query(ctx, name),
        param: (name) => (ctx as Context & { params?: Record<string, string> }).params?.[name],
        body: typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {},
      });
      ctx.body = host === 'api' ? result : { errcode: 0, errmsg: 'ok', ...result, request_id: requestId };
    } catch (error) {
      if (error instanceof DingTalkApiError) {
        ctx.status = error.status;
        ctx.body = { code: error.code, message: error.message, requestid: requestId };
      } else if (error instanceof OapiError) {
        ctx.body = {
          errcode: error.errcode,
          errmsg: error.errmsg,
          ...(error.subCode ? { sub_code: error.subCode, sub_msg: error.errmsg } : {}),
          request_id: requestId,
        };
      } else if (error instanceof IpBanned) {
        if (host === 'api') {
          ctx.status = 403;
          ctx.type = 'text/html; charset=utf-8';
          ctx.body =
            '<!DOCTYPE html><html><body><h1>访问被拒绝</h1><p>您的请求过于频繁，请稍后再试。</p></body></html>';
        } else ctx.body = { status: 1111, punish: 'deny', wait: 300 };
      } else throw error;
    }
  };
}

function checkToken(sb: SandboxContext, host: 'api' | 'oapi', token: string | undefined): void {
  const check = sb.state.dingtalk.tokens.check(token);
  if (check.ok) return;
  if (check.reason === 'missing') {
    throw host === 'api'
      ? new DingTalkApiError(
          400,
          'AuthenticationFailed.MissingParameter',
          '缺少参数 x-acs-dingtalk-access-token',
        )
      : new OapiError(88, '缺少参数 access_token', '41001');
  }
  throw failureError(check.reason === 'expired' ? 'token_expired' : 'token_invalid', host);
}
