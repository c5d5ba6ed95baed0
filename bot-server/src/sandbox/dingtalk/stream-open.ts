// POST /v1.0/gateway/connections/open (reference §2.1): the app's credentials and subscriptions in,
// the WebSocket endpoint and a single-use ticket (90 s) out; XML unless the caller accepts JSON.
import type { Middleware } from 'koa';
import type { SandboxContext } from '../context.js';
import type { OneTimeCodes } from '../state/codes.js';
import { dingtalkEndpoint } from './endpoint.js';
import { DingTalkApiError } from './errors.js';
import type { Subscription } from './stream-frames.js';

/** What a ticket stands for until the WebSocket redeems it. */
export type StreamTickets = OneTimeCodes<{ subscriptions: Subscription[]; ua: string }>;

const TICKET_TTL_MS = 90_000;

export function streamOpenRoute(
  sb: SandboxContext,
  tickets: StreamTickets,
  streamPath: string,
): Middleware[] {
  const xmlUnlessJson: Middleware = async (ctx, next) => {
    await next();
    const body = ctx.body as Record<string, unknown>;
    if (ctx.status === 200 && !ctx.get('accept').includes('application/json')) {
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><OpenConnectionResponse><endpoint>${String(body.endpoint)}</endpoint><ticket>${String(body.ticket)}</ticket></OpenConnectionResponse>`;
    }
  };
  const open = dingtalkEndpoint(sb, 'api', 'v1.0/gateway/connections/open', 'none', ({ body }) => {
    const { clientId, clientSecret } = sb.dingtalk;
    if (body.clientId !== clientId || body.clientSecret !== clientSecret) {
      throw new DingTalkApiError(401, 'invalidClientIdOrSecret', 'clientId 或 clientSecret 不正确');
    }
    const subscriptions = Array.isArray(body.subscriptions)
      ? body.subscriptions.flatMap((s) => {
          const { type, topic } = (s ?? {}) as Partial<Subscription>;
          return typeof type === 'string' && typeof topic === 'string' ? [{ type, topic }] : [];
        })
      : [];
    const ticket = tickets.issue({ subscriptions, ua: String(body.ua ?? '') }, TICKET_TTL_MS);
    return { endpoint: `${sb.serverUrl().replace(/^http/, 'ws')}${streamPath}`, ticket };
  });
  return [xmlUnlessJson, open];
}
