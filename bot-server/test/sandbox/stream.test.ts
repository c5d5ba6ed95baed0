import { sandboxDingTalk } from '@kelian/config';
import axios from 'axios';
import {
  DWClient,
  type DWClientDownStream,
  EventAck,
  GATEWAY_URL,
  TOPIC_CARD,
  TOPIC_ROBOT,
} from 'dingtalk-stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from '../support/wait.js';
import { call, type SandboxServer, startSandboxServer } from './support/sandbox-server.js';

// The real dingtalk-stream SDK against the sandbox gateway. The SDK posts to a hard-coded
// api.dingtalk.com; an interceptor on the shared axios instance sends that one call to the
// sandbox, and from there the SDK follows the endpoint the sandbox answers, as it would in production.

let s: SandboxServer;
let client: DWClient;
let interceptor: number;
let frames: DWClientDownStream[];

const person = (name: string) => {
  const p = s.sandbox.state.org.people.find((x) => x.name === name);
  if (!p) throw new Error(name);
  return p.dingtalk.userid;
};

beforeEach(async () => {
  s = await startSandboxServer();
  frames = [];
  const gateway = `${s.url}/sandbox/dingtalk/api/v1.0/gateway/connections/open`;
  interceptor = axios.interceptors.request.use((config) => {
    if (config.url === GATEWAY_URL) config.url = gateway;
    return config;
  });
  client = new DWClient({ clientId: sandboxDingTalk.clientId, clientSecret: sandboxDingTalk.clientSecret });
  client.config.autoReconnect = false;
  client.registerCallbackListener(TOPIC_ROBOT, async (frame) => {
    frames.push(frame);
    client.socketCallBackResponse(frame.headers.messageId, { ok: true });
    const message = JSON.parse(frame.data) as { sessionWebhook: string; text: { content: string } };
    await axios.post(message.sessionWebhook, {
      msgtype: 'text',
      text: { content: `收到：${message.text.content.trim()}` },
    });
  });
  client.registerCallbackListener(TOPIC_CARD, (frame) => {
    frames.push(frame);
    client.socketCallBackResponse(frame.headers.messageId, {
      cardUpdateOptions: { updateCardDataByKey: true },
      cardData: { cardParamMap: { status_text: '你已同意' } },
    });
  });
  client.registerAllEventListener((frame) => {
    frames.push(frame);
    return { status: EventAck.SUCCESS, message: 'ok' };
  });
  await client.connect();
  await waitFor(
    async () => (s.sandbox.gateway.connections().length === 1 ? true : undefined),
    5_000,
    'the SDK to connect',
  );
});

afterEach(async () => {
  client.disconnect();
  axios.interceptors.request.eject(interceptor);
  await s.stop();
});

describe('the real SDK against the sandbox gateway', () => {
  test('it connects with its subscriptions', () => {
    const [connection] = s.sandbox.gateway.connections();
    expect(connection?.subscriptions).toEqual(
      expect.arrayContaining([
        { type: 'EVENT', topic: '*' },
        { type: 'CALLBACK', topic: TOPIC_ROBOT },
        { type: 'CALLBACK', topic: TOPIC_CARD },
      ]),
    );
  });

  test('a 1:1 text arrives as a robot frame, is ACKed, and the reply via sessionWebhook lands in the chat', async () => {
    const zhang = person('张伟');
    const { delivery, sessionWebhook } = await s.sandbox.actions.sendDingTalkText({
      from: zhang,
      text: '帮助',
    });
    expect(delivery).toMatchObject({ mode: 'stream', delivered: true });
    expect(delivery.mode === 'stream' && delivery.ack).toMatchObject({
      code: 200,
      data: { response: { ok: true } },
      delivery: 1,
    });
    expect(sessionWebhook).toContain('/sandbox/dingtalk/oapi/robot/sendBySession?session=');

    const [frame] = frames;
    expect(frame?.type).toBe('CALLBACK');
    expect(frame?.headers).toMatchObject({ topic: TOPIC_ROBOT, contentType: 'application/json' });
    expect(JSON.parse(frame?.data ?? '{}')).toMatchObject({
      conversationType: '1',
      senderStaffId: zhang,
      senderNick: '张伟',
      robotCode: sandboxDingTalk.clientId,
      msgtype: 'text',
      text: { content: '帮助' },
      sessionWebhook,
    });

    const messages = await waitFor(async () => {
      const { body } = await call(`${s.url}/sandbox/api/messages?platform=dingtalk&chat=bot&user=${zhang}`);
      const list = body.messages as { direction: string; content: unknown; via: string }[];
      return list.length === 2 ? list : undefined;
    });
    expect(messages.map((m) => [m.direction, m.content, m.via])).toEqual([
      ['in', { content: '帮助' }, 'stream'],
      ['out', { content: '收到：帮助' }, 'sessionWebhook'],
    ]);
    const { body } = await call(`${s.url}/sandbox/api/stream`);
    expect(body.acks).toEqual([
      expect.objectContaining({ messageId: frame?.headers.messageId, topic: TOPIC_ROBOT, code: 200 }),
    ]);
  });

  test('in a group the robot is @-mentioned and the reply goes to every member', async () => {
    const group = [...s.sandbox.state.dingtalk.groups.values()].find((g) => g.name === '客服群');
    await s.sandbox.actions.sendDingTalkText({
      from: person('郭雪'),
      conversationId: group?.openConversationId,
      text: '工单 1024',
    });
    const data = JSON.parse(frames[0]?.data ?? '{}');
    expect(data).toMatchObject({
      conversationType: '2',
      conversationTitle: '客服群',
      isInAtList: true,
      text: { content: ' 工单 1024' },
    });
    await waitFor(async () => {
      const { body } = await call(
        `${s.url}/sandbox/api/messages?chat=${encodeURIComponent(group?.openConversationId ?? '')}&user=${person('王建国')}`,
      );
      return (body.messages as unknown[]).length === 2 ? true : undefined;
    });
  });

  test('a card click reaches the SDK; its answer changes the clicker’s card only', async () => {
    const { body } = await call(`${s.url}/sandbox/dingtalk/api/v1.0/oauth2/accessToken`, {
      body: { appKey: sandboxDingTalk.clientId, appSecret: sandboxDingTalk.clientSecret },
    });
    const group = [...s.sandbox.state.dingtalk.groups.values()].find((g) => g.name === '华东销售部群');
    const created = await call(`${s.url}/sandbox/dingtalk/api/v1.0/card/instances/createAndDeliver`, {
      headers: { 'x-acs-dingtalk-access-token': String(body.accessToken) },
      body: {
        cardTemplateId: 'kelian-general.schema',
        outTrackId: 'approval:7:v1',
        callbackType: 'STREAM',
        cardData: { cardParamMap: { status_text: '待审批' } },
        openSpaceId: `dtv1.card//IM_GROUP.${group?.openConversationId}`,
        imGroupOpenSpaceModel: { supportForward: true },
        imGroupOpenDeliverModel: { robotCode: sandboxDingTalk.clientId },
      },
    });
    expect(created.status).toBe(200);
    const zhao = person('赵敏');
    const click = await s.sandbox.actions.clickDingTalkCard({
      user: zhao,
      outTrackId: 'approval:7:v1',
      action: 'approval.approve:7',
      actionId: 'b1',
    });
    expect(click.delivery).toMatchObject({ mode: 'stream', delivered: true });
    const [frame] = frames;
    expect(frame?.headers.topic).toBe(TOPIC_CARD);
    const payload = JSON.parse(frame?.data ?? '{}');
    expect(payload).toMatchObject({
      type: 'actionCallback',
      outTrackId: 'approval:7:v1',
      userId: zhao,
      spaceId: group?.openConversationId,
    });
    expect(JSON.parse(payload.content)).toEqual({
      cardPrivateData: { actionIds: ['b1'], params: { action: 'approval.approve:7' } },
    });
    expect(click.view?.params.status_text).toBe('你已同意');
    expect(s.sandbox.state.dingtalk.cards.views('approval:7:v1')[person('孙浩')]?.params.status_text).toBe(
      '待审批',
    );
  });

  test('an event frame carries its event headers and the SDK’s SUCCESS settles it', async () => {
    const { eventId, delivery } = await s.sandbox.actions.emitDingTalkEvent({
      eventType: 'user_add_org',
      data: { userId: ['0100999'] },
    });
    expect(delivery.mode === 'stream' && delivery.ack?.data).toEqual({ status: 'SUCCESS', message: 'ok' });
    expect(frames[0]).toMatchObject({
      type: 'EVENT',
      headers: { topic: '*', eventType: 'user_add_org', eventId },
    });
    expect(JSON.parse(frames[0]?.data ?? '{}')).toEqual({ userId: ['0100999'] });
  });

  test('an unanswered frame is delivered again with the same messageId', async () => {
    const seen: string[] = [];
    client.registerCallbackListener('/v1.0/test/late', (frame) => {
      seen.push(frame.headers.messageId);
      if (seen.length === 2) client.socketCallBackResponse(frame.headers.messageId, {});
    });
    // The SDK registered that topic after connecting, so the gateway does not know it; a fresh
    // connection carries it.
    client.disconnect();
    await waitFor(async () => (s.sandbox.gateway.connections().length === 0 ? true : undefined));
    await client.connect();
    await waitFor(async () => (s.sandbox.gateway.connections().length === 1 ? true : undefined));
    const result = await s.sandbox.gateway.push(
      'CALLBACK',
      '/v1.0/test/late',
      {},
      { answerWithinMs: 2_000, redeliverAfterMs: 200, maxDeliveries: 3 },
    );
    expect(result.ack?.delivery).toBe(2);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
  });
});

describe('the gateway itself', () => {
  test('a server disconnect tells the client, then closes its socket', async () => {
    const res = await call(`${s.url}/sandbox/api/switches/stream-disconnect`, { body: { graceMs: 100 } });
    expect(res.status).toBe(204);
    await waitFor(async () => (client.connected ? undefined : true), 2_000, 'the SDK to see the disconnect');
    await waitFor(
      async () => (s.sandbox.gateway.connections().length === 0 ? true : undefined),
      2_000,
      'the socket to close',
    );
  });

  test('a ticket opens one connection only; the answer is XML unless JSON is accepted', async () => {
    const open = `${s.url}/sandbox/dingtalk/api/v1.0/gateway/connections/open`;
    const credentials = {
      clientId: sandboxDingTalk.clientId,
      clientSecret: sandboxDingTalk.clientSecret,
      subscriptions: [],
    };
    const xml = await fetch(open, {
      method: 'POST',
      body: JSON.stringify(credentials),
      headers: { 'content-type': 'application/json' },
    });
    expect(await xml.text()).toMatch(
      /^<\?xml .*<endpoint>ws:\/\/127\.0\.0\.1:\d+\/sandbox\/dingtalk\/stream<\/endpoint><ticket>/,
    );
    const { body } = await call(open, { body: credentials, headers: { accept: 'application/json' } });
    const url = `${body.endpoint}?ticket=${body.ticket}`;
    const first = new WebSocket(url);
    await new Promise((resolve, reject) => first.once('open', resolve).once('error', reject));
    const second = new WebSocket(url);
    const refused = await new Promise<number>((resolve) =>
      second.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    );
    expect(refused).toBe(401);
    first.close();
    const wrong = await call(open, {
      body: { ...credentials, clientSecret: 'x' },
      headers: { accept: 'application/json' },
    });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'invalidClientIdOrSecret' } });
  });
});
