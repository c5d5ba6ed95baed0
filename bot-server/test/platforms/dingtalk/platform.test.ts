import type { Card } from '@kelian/cards';
import { afterEach, describe, expect, it } from 'vitest';
import type { TextEvent } from '../../../src/platforms/common.js';
import { DingTalkClient } from '../../../src/platforms/dingtalk/client.js';
import { DingTalkApiError } from '../../../src/platforms/dingtalk/errors.js';
import { DingTalkPlatform } from '../../../src/platforms/dingtalk/platform.js';
import { type Route, startFakeServer } from './support/fake-server.js';
import { captureLogger } from './support/log-capture.js';
import { MemoryTokenStore } from './support/memory-token-store.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// The neutral Card is still being written: the test treats it as opaque and checks that the
// platform sends whatever the injected renderer makes of it.
const card = {} as Card;
const renderCard = (c: Card) => {
  if (c !== card) throw new Error('renderer got another card');
  return { cardTemplateId: 'tpl.schema', cardParamMap: { title: '线索 lead-42', status: 'open' } };
};

async function setup(routes: Record<string, Route>, cardCallback?: { type: 'HTTP'; routeKey: string }) {
  const server = await startFakeServer({
    'POST /v1.0/oauth2/accessToken': () => ({ json: { accessToken: 'tok', expireIn: 7200 } }),
    ...routes,
  });
  cleanups.push(server.close);
  const log = captureLogger();
  const client = new DingTalkClient({
    apiBase: server.base,
    oapiBase: server.base,
    clientId: 'dingclient',
    clientSecret: 's',
    agentId: '3000001',
    robotCode: 'dingrobot',
    tokenStore: new MemoryTokenStore(),
    logger: log.logger,
  });
  const platform = new DingTalkPlatform({
    client,
    renderCard,
    logger: log.logger,
    ...(cardCallback ? { cardCallback } : {}),
  });
  return { server, platform, log };
}

const delivered: Route = (req) => {
  const spaces = (req.body as { openSpaceId: string }).openSpaceId.replace('dtv1.card//', '').split(';');
  return {
    json: {
      success: true,
      result: {
        outTrackId: (req.body as { outTrackId: string }).outTrackId,
        deliverResults: spaces.map((s) => {
          const [spaceType, spaceId] = s.split('.');
          return {
            spaceType,
            spaceId,
            success: spaceId !== 'gone',
            carrierId: 'c',
            errorMsg: spaceId === 'gone' ? 'param.userIdNotExist' : '',
          };
        }),
      },
    },
  };
};

describe('DingTalkPlatform', () => {
  it('text to users goes through robot batchSend; markdown to a group through groupMessages/send', async () => {
    const { server, platform } = await setup({
      'POST /v1.0/robot/oToMessages/batchSend': () => ({ json: { processQueryKey: 'k' } }),
      'POST /v1.0/robot/groupMessages/send': () => ({ json: { processQueryKey: 'g' } }),
    });
    expect(
      await platform.send({ kind: 'users', userIds: ['u1', 'u2'] }, { kind: 'text', text: '你好' }),
    ).toBeUndefined();
    await platform.send(
      { kind: 'group', conversationId: 'cidG' },
      { kind: 'markdown', title: '日报', markdown: '## 今日' },
    );
    expect(server.calls('POST /v1.0/robot/oToMessages/batchSend')[0]?.body).toEqual({
      robotCode: 'dingrobot',
      userIds: ['u1', 'u2'],
      msgKey: 'sampleText',
      msgParam: '{"content":"你好"}',
    });
    expect(server.calls('POST /v1.0/robot/groupMessages/send')[0]?.body).toEqual({
      robotCode: 'dingrobot',
      openConversationId: 'cidG',
      msgKey: 'sampleMarkdown',
      msgParam: '{"title":"日报","text":"## 今日"}',
    });
  });

  it('fails when no user could receive the message, so the delivery job retries or reports it', async () => {
    const { platform } = await setup({
      'POST /v1.0/robot/oToMessages/batchSend': () => ({
        json: { processQueryKey: 'k', invalidStaffIdList: ['u1'], flowControlledStaffIdList: [] },
      }),
    });
    await expect(
      platform.send({ kind: 'users', userIds: ['u1'] }, { kind: 'text', text: 'x' }),
    ).rejects.toMatchObject({
      code: 'DELIVERY_FAILED',
    });
  });

  it('a department gets a work notification', async () => {
    const { server, platform } = await setup({
      'POST /topapi/message/corpconversation/asyncsend_v2': () => ({ json: { errcode: 0, task_id: 1 } }),
    });
    await platform.send({ kind: 'department', departmentId: '7' }, { kind: 'text', text: '通知' });
    expect(server.calls('POST /topapi/message/corpconversation/asyncsend_v2')[0]?.body).toEqual({
      agent_id: 3000001,
      dept_id_list: '7',
      msg: { msgtype: 'text', text: { content: '通知' } },
    });
  });

  it('a card to users: createAndDeliver into each IM_ROBOT space, Stream callbacks, a CardRef to update it later', async () => {
    const { server, platform, log } = await setup({
      'POST /v1.0/card/instances/createAndDeliver': delivered,
    });
    const ref = await platform.send({ kind: 'users', userIds: ['u1', 'gone'] }, { kind: 'card', card });
    const body = server.calls('POST /v1.0/card/instances/createAndDeliver')[0]?.body as Record<
      string,
      unknown
    >;
    expect(body).toEqual({
      cardTemplateId: 'tpl.schema',
      outTrackId: ref?.cardId,
      callbackType: 'STREAM',
      cardData: { cardParamMap: { title: '线索 lead-42', status: 'open' } },
      userIdType: 1,
      openSpaceId: 'dtv1.card//IM_ROBOT.u1;IM_ROBOT.gone',
      imRobotOpenSpaceModel: { supportForward: true },
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'dingrobot' },
    });
    expect(ref).toEqual({
      platform: 'dingtalk',
      cardId: card.id,
      audience: { kind: 'users', userIds: ['u1', 'gone'] },
      version: 1,
    });
    expect(log.lines().some((l) => l.includes('param.userIdNotExist'))).toBe(true);
  });

  it('a card to a group with HTTP callbacks; all deliveries failing is an error', async () => {
    const { server, platform } = await setup(
      { 'POST /v1.0/card/instances/createAndDeliver': delivered },
      { type: 'HTTP', routeKey: 'kelian' },
    );
    await platform.send({ kind: 'group', conversationId: 'cidG' }, { kind: 'card', card });
    expect(server.calls('POST /v1.0/card/instances/createAndDeliver')[0]?.body).toMatchObject({
      callbackType: 'HTTP',
      callbackRouteKey: 'kelian',
      openSpaceId: 'dtv1.card//IM_GROUP.cidG',
      imGroupOpenSpaceModel: { supportForward: true },
      imGroupOpenDeliverModel: { robotCode: 'dingrobot' },
    });
    const error = await platform
      .send({ kind: 'users', userIds: ['gone'] }, { kind: 'card', card })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DingTalkApiError);
    expect(error).toMatchObject({ code: 'DELIVERY_FAILED' });
  });

  it('updateCard patches the shared card data of every copy and bumps the version', async () => {
    const { server, platform } = await setup({
      'PUT /v1.0/card/instances': () => ({ json: { success: true } }),
    });
    const ref = {
      platform: 'dingtalk' as const,
      cardId: 'kelian-1',
      audience: { kind: 'group' as const, conversationId: 'c' },
      version: 3,
    };
    expect(await platform.updateCard(ref, card)).toEqual({ ...ref, version: 4 });
    expect(server.calls('PUT /v1.0/card/instances')[0]?.body).toMatchObject({
      outTrackId: 'kelian-1',
      cardData: { cardParamMap: { title: '线索 lead-42', status: 'open' } },
      cardUpdateOptions: { updateCardDataByKey: true },
    });
  });

  it('reply() uses the sessionWebhook while valid, the robot API once it has expired', async () => {
    const { server, platform } = await setup({
      'POST /robot/sendBySession': () => ({ json: { errcode: 0, errmsg: 'ok' } }),
      'POST /v1.0/robot/groupMessages/send': () => ({ json: { processQueryKey: 'g' } }),
    });
    const event: TextEvent = {
      platform: 'dingtalk',
      kind: 'text',
      dedupeKey: 'm1',
      msgId: 'm1',
      occurredAt: new Date(),
      raw: {},
      from: 'u1',
      text: '帮助',
      conversation: { type: 'group', id: 'cidG' },
      reply: {
        sessionWebhook: `${server.base}/robot/sendBySession?session=s`,
        expiresAt: new Date(Date.now() + 60 * 60_000),
      },
    };
    await platform.reply(event, { kind: 'text', text: '可用命令：…' });
    expect(server.calls('POST /robot/sendBySession')[0]?.body).toEqual({
      msgtype: 'text',
      text: { content: '可用命令：…' },
    });
    await platform.reply(
      {
        ...event,
        reply: {
          sessionWebhook: `${server.base}/robot/sendBySession?session=s`,
          expiresAt: new Date(Date.now() - 1),
        },
      },
      {
        kind: 'text',
        text: '晚了',
      },
    );
    expect(server.calls('POST /v1.0/robot/groupMessages/send')[0]?.body).toMatchObject({
      openConversationId: 'cidG',
    });
    expect(server.calls('POST /robot/sendBySession')).toHaveLength(1);
  });
});
