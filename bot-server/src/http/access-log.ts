import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';

// One line per request. The query string is left out: platform callbacks carry signatures in it.
export function accessLog(): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const log = ctx.state.log as Logger;
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const line = { method: ctx.method, path: ctx.path, status: ctx.status, ms };
      if (ctx.status >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    }
  };
}
