import Router from '@koa/router';
import { readRawBody } from '../../http/raw-body.js';
import type { Logger } from '../../logger.js';
import type { ChatEvent } from '../common.js';
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
}): Router {
  const { receiver, accept } = options;
  const log = options.logger.child({ component: 'wecom-callback' });
  const router = new Router();

  router.get('/wecom/callback', (ctx) => {
    try {
      ctx.type = 'text/plain';
      ctx.body = receiver.verifyUrl(ctx.query);
    } catch (error) {
      refuse(ctx, error);
    }
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
