import Router from '@koa/router';
import type { Context } from 'koa';
import type { Logger } from '../../logger.js';
import type { ChatEvent } from '../common.js';
import { DingTalkInboundError } from './errors.js';
import type { DingTalkHttpReceiver, HttpReceipt } from './receiver-http.js';

/**
 * DingTalk's HTTP mode: event subscription, robot messages and card callbacks. Every event of a
 * request is in the inbox before DingTalk gets its 200 (events allow 1.5 s, card callbacks 2 s);
 * a retry is recognised by its dedupe key. Refused requests store nothing.
 */
export function dingtalkRoutes(options: {
  receiver: DingTalkHttpReceiver;
  accept: (event: ChatEvent) => Promise<'accepted' | 'duplicate'>;
  logger: Logger;
}): Router {
  const { receiver, accept } = options;
  const log = options.logger.child({ component: 'dingtalk-http' });
  const router = new Router();

  // The JSON body parser keeps the exact bytes in rawBody; verification needs them, not the parse.
  const body = (ctx: Context) => (ctx.request as { rawBody?: string }).rawBody ?? '';
  const headers = (ctx: Context) => ctx.headers as Record<string, string | string[] | undefined>;

  async function handle<B>(ctx: Context, receive: () => HttpReceipt<B>) {
    let receipt: HttpReceipt<B>;
    try {
      receipt = receive();
    } catch (error) {
      if (!(error instanceof DingTalkInboundError)) throw error;
      log.warn({ reason: error.reason }, 'request refused');
      ctx.status = error.status;
      ctx.body = '';
      return;
    }
    for (const event of receipt.events) {
      const outcome = await accept(event);
      log.info({ kind: event.kind, outcome }, 'event received');
    }
    ctx.status = receipt.status;
    ctx.body = receipt.body;
  }

  router.post('/dingtalk/events', (ctx) =>
    handle(ctx, () => receiver.events({ query: ctx.query, body: body(ctx) })),
  );
  router.post('/dingtalk/robot', (ctx) =>
    handle(ctx, () => receiver.robot({ headers: headers(ctx), body: body(ctx) })),
  );
  router.post('/dingtalk/card', (ctx) =>
    handle(ctx, () => receiver.card({ headers: headers(ctx), body: body(ctx) })),
  );
  return router;
}
