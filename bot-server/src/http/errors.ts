import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';
import { Problem } from './problem.js';

// Koa and its body parser throw HttpErrors with English messages; people get these instead.
const titles: Record<number, [code: string, title: string]> = {
  400: ['bad-request', '请求格式不正确'],
  401: ['unauthorized', '请先登录'],
  403: ['forbidden', '没有权限执行此操作'],
  404: ['not-found', '请求的地址不存在'],
  405: ['method-not-allowed', '不支持此请求方法'],
  413: ['payload-too-large', '请求内容过大'],
  415: ['unsupported-media-type', '不支持此内容类型'],
  422: ['unprocessable', '请求内容无法处理'],
};

/** Turns every error into application/problem+json; no stack trace ever leaves the server. */
export function problemResponses(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined)
        throw new Problem(404, 'not-found', '请求的地址不存在');
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) (ctx.state.log as Logger).error({ err: error }, 'unhandled error');
      ctx.status = problem.status;
      ctx.type = 'application/problem+json';
      ctx.body = problem.toJSON(ctx.path, ctx.state.requestId as string);
    }
  };
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  const status = httpStatusOf(error);
  if (status !== undefined && status < 500) {
    const [code, title] = titles[status] ?? ['client-error', '请求有误'];
    return new Problem(status, code, title);
  }
  return new Problem(500, 'internal', '服务器内部错误，请稍后重试');
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const status = e.status ?? e.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
