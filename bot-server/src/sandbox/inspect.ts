import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { inputHygiene } from '../api/input-hygiene.js';
import { Problem } from '../http/problem.js';
import { parseInput } from '../http/validate.js';
import type { SandboxActions } from './actions.js';
import type { SandboxContext } from './context.js';
import type { StreamGateway } from './dingtalk/stream-gateway.js';
import type { ChatMessage } from './state/messages.js';
import { DINGTALK_FAILURES } from './state/switches.js';
import { WECOM_BASE_PATH } from './wecom/api.js';

// /sandbox/api: what the platforms would show (messages, cards per viewer, the org), the failure
// switches, and the person's actions as JSON for the /sandbox page.

export const SANDBOX_API_PATH = '/sandbox/api';

const platform = z.enum(['wecom', 'dingtalk']);
const text = z.string().trim().min(1).max(4000);
const retry = z.int().min(0).max(3).optional();

const schemas = {
  messages: z.object({
    platform: platform.optional(),
    chat: z.string().min(1).optional(),
    user: z.string().min(1).optional(),
    after: z.coerce.number().int().min(0).optional(),
  }),
  switch: z.discriminatedUnion('platform', [
    z.object({
      platform: z.literal('wecom'),
      api: z.string().min(1),
      times: z.int().min(1).max(1000).default(1),
      errcode: z.int().optional(),
      latencyMs: z.int().min(0).max(60_000).optional(),
    }),
    z.object({
      platform: z.literal('dingtalk'),
      api: z.string().min(1),
      times: z.int().min(1).max(1000).default(1),
      failure: z.enum(DINGTALK_FAILURES).optional(),
      latencyMs: z.int().min(0).max(60_000).optional(),
    }),
  ]),
  expireTokens: z.object({ platform: platform.optional() }),
  streamDisconnect: z.object({ graceMs: z.int().min(0).max(60_000).default(10_000) }),
  wecomSend: z.object({ from: z.string().min(1), chatId: z.string().min(1).optional(), text, retry }),
  wecomClick: z.object({
    user: z.string().min(1),
    taskId: z.string().min(1),
    key: z.string().min(1),
    selected: z.record(z.string(), z.array(z.string())).optional(),
    retry,
  }),
  externalContact: z.object({
    user: z.string().min(1),
    name: z.string().trim().min(1).max(64),
    externalUserId: z.string().min(1).optional(),
    state: z.string().max(30).optional(),
    gender: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  }),
  dingtalkSend: z.object({ from: z.string().min(1), conversationId: z.string().min(1).optional(), text }),
  dingtalkClick: z.object({
    user: z.string().min(1),
    outTrackId: z.string().min(1),
    action: z.string().min(1),
    actionId: z.string().min(1).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
  dingtalkEvent: z.object({
    eventType: z.string().min(1),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
  loginCode: z.object({
    platform,
    user: z.string().min(1),
    kind: z.enum(['oauth', 'miniprogram']).optional(),
  }),
};

const body = (ctx: Context) => ctx.request.body;

export function inspectRouter(
  sb: SandboxContext,
  actions: SandboxActions,
  gateway: StreamGateway,
  sandboxMode: boolean,
): Router {
  const router = new Router({ prefix: SANDBOX_API_PATH });
  router.use(inputHygiene);
  const { state } = sb;

  const withCard = (m: ChatMessage, user: string | undefined) => {
    if (m.cardId === undefined) return m;
    const all =
      m.platform === 'wecom' ? state.wecom.cards.views(m.cardId) : state.dingtalk.cards.views(m.cardId);
    const views =
      user === undefined ? all : Object.fromEntries(Object.entries(all).filter(([u]) => u === user));
    return { ...m, card: { id: m.cardId, views } };
  };

  router.get('/messages', (ctx) => {
    const filter = parseInput(schemas.messages, ctx.query);
    ctx.body = { messages: state.messages.list(filter).map((m) => withCard(m, filter.user)) };
  });

  router.get('/org', (ctx) => {
    const { org, wecom, dingtalk } = state;
    ctx.body = {
      companyName: org.companyName,
      departments: org.departments,
      people: org.people,
      wecom: {
        corpId: sb.wecom.corpId,
        agentId: sb.wecom.agentId,
        groups: [...wecom.appchats.values()].map((c) => ({
          ...c,
          webhookUrl: c.webhookKey
            ? `${sb.serverUrl()}${WECOM_BASE_PATH}/cgi-bin/webhook/send?key=${c.webhookKey}`
            : undefined,
        })),
        externalContacts: [...wecom.customers.contacts.values()],
        tagGroups: wecom.customers.tagGroups,
      },
      dingtalk: {
        corpId: sb.dingtalk.corpId,
        agentId: sb.dingtalk.agentId,
        robotCode: sb.dingtalk.clientId,
        mode: sb.dingtalk.mode,
        groups: [...dingtalk.groups.values()],
      },
    };
  });

  // Failure switches change how the stand-in platforms answer everyone: sandbox mode only.
  router.use('/switches', async (_ctx, next) => {
    if (!sandboxMode) throw new Problem(403, 'sandbox-only', '故障开关仅在沙箱模式下可用');
    await next();
  });
  router.get('/switches', (ctx) => {
    ctx.body = { switches: state.switches.list() };
  });
  router.post('/switches', (ctx) => {
    ctx.status = 201;
    ctx.body = state.switches.arm(parseInput(schemas.switch, body(ctx)));
  });
  router.delete('/switches', (ctx) => {
    state.switches.clear();
    ctx.status = 204;
  });
  router.post('/switches/expire-tokens', (ctx) => {
    const { platform: which } = parseInput(schemas.expireTokens, body(ctx));
    if (which !== 'dingtalk') state.wecom.tokens.expireAll();
    if (which !== 'wecom') state.dingtalk.tokens.expireAll();
    ctx.status = 204;
  });
  router.post('/switches/stream-disconnect', (ctx) => {
    gateway.disconnectAll(parseInput(schemas.streamDisconnect, body(ctx)).graceMs);
    ctx.status = 204;
  });

  router.get('/stream', (ctx) => {
    ctx.body = { connections: gateway.connections(), acks: gateway.acks };
  });

  router.post('/wecom/send', async (ctx) => {
    ctx.body = await actions.sendWeComText(parseInput(schemas.wecomSend, body(ctx)));
  });
  router.post('/wecom/click', async (ctx) => {
    ctx.body = await actions.clickWeComCard(parseInput(schemas.wecomClick, body(ctx)));
  });
  router.post('/wecom/external-contacts', async (ctx) => {
    ctx.body = await actions.addExternalContact(parseInput(schemas.externalContact, body(ctx)));
  });
  router.post('/dingtalk/send', async (ctx) => {
    ctx.body = await actions.sendDingTalkText(parseInput(schemas.dingtalkSend, body(ctx)));
  });
  router.post('/dingtalk/click', async (ctx) => {
    ctx.body = await actions.clickDingTalkCard(parseInput(schemas.dingtalkClick, body(ctx)));
  });
  router.post('/dingtalk/events', async (ctx) => {
    ctx.body = await actions.emitDingTalkEvent(parseInput(schemas.dingtalkEvent, body(ctx)));
  });
  router.post('/login-codes', (ctx) => {
    ctx.body = { code: actions.issueLoginCode(parseInput(schemas.loginCode, body(ctx))) };
  });

  return router;
}
