import type Koa from 'koa';
import type { Logger } from '../logger.js';

// Errors Koa meets after the middleware, while it streams a response (a file of the mini-app): by
// default it prints them to stderr. A browser that leaves the page mid-download (another chat
// tapped, the sidebar closed) ends the stream early: that is no fault of the server.

/** What a write to a connection the client has closed fails with. */
const abortCodes = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']);

/** True when the client went away: one of those codes, and its connection is really gone. */
function abortedByClient(err: NodeJS.ErrnoException, ctx: Koa.Context | undefined): boolean {
  if (!err.code || !abortCodes.has(err.code)) return false;
  return !ctx || ctx.req.destroyed || ctx.res.destroyed || ctx.req.socket?.destroyed === true;
}

/** Logs the app's response errors with the request's id: an aborted download at debug, the rest as errors. */
export function logResponseErrors(app: Koa, logger: Logger): void {
  app.on('error', (err: NodeJS.ErrnoException, ctx?: Koa.Context) => {
    const log = (ctx?.state.log as Logger | undefined) ?? logger;
    const where = ctx ? { method: ctx.method, path: ctx.path } : {};
    if (abortedByClient(err, ctx)) log.debug({ ...where, err }, 'response aborted by the client');
    else log.error({ ...where, err }, 'response failed');
  });
}
