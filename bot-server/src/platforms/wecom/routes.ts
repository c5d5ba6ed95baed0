import Router from '@koa/router';
import { readRawBody } from '../../http/raw-body.js';
import type { Logger } from '../../logger.js';
import type { ChatEvent } from '../common.js';
import type { PlatformSignals, SignalKey } from '../signals.js';
import { WeComReceiveError } from './errors.js';
import type { WeComReceiver } from './receiver.js';

/** The largest callback WeCom sends is a few KB; anything near this is not WeCom. */
const maxCallbackBytes = 256 * 1024;

/**
 * GET /wecom/callback answers URL verification; POST receives encrypted events. The event is handed
 * to `accept` (the inbox) before WeCom gets its answer, which goes out at once: WeCom allows 5 s and
 * retries three times, and a retry is a duplicate the inbox drops.
 */
export function wecomRoutes(options: {
  receiver: WeComReceiver;
  accept: (event: ChatEvent) => Promise<'accepted' | 'duplicate'>;
  logger: Logger;
  /** Where the going-live checklist learns that WeCom reached this URL. */
  signals?: PlatformSignals;
}): Router {
  const { receiver, accept, signals } = options;
  const log = options.logger.child({ component: 'wecom-callback' });
  const router = new Router();
  // A lost mark costs a stale line on the checklist, never WeCom's answer.
  const mark = (key: SignalKey) =>
    signals
      ?.mark(key)
      .catch((err: unknown) => log.warn({ err: String(err), key }, 'could not record the signal'));

  router.get('/wecom/callback', async (ctx) => {
    let echo: string;
    try {
      echo = receiver.verifyUrl(ctx.query);
    } catch (error) {
      refuse(ctx, error);
      return;
    }
    await mark('wecom.url-verified');
    ctx.type = 'text/plain';
    ctx.body = echo;
  });

  router.post('/wecom/callback', async (ctx) => {
    const raw = await readRawBody(ctx, maxCallbackBytes);
    let event: ChatEvent;
    try {
      event = receiver.receive(ctx.query, raw).event;
    } catch (error) {
      refuse(ctx, error);
      return;
    }
    const outcome = await accept(event);
    await mark('wecom.callback');
    log.info({ kind: event.kind, outcome }, 'callback received');
    ctx.status = 200;
    ctx.type = 'text/plain';
    ctx.body = '';
  });

  function refuse(ctx: { status: number; body: unknown }, error: unknown) {
    if (!(error instanceof WeComReceiveError)) throw error;
    log.warn({ reason: error.name }, 'callback refused');
    ctx.status = error.status;
    ctx.body = '';
  }

  return router;
}
