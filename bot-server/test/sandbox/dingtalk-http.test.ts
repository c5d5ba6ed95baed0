import { createHmac } from 'node:crypto';
import { sandboxDingTalk } from '@kelian/config';
import Router from '@koa/router';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { decryptEvent, encryptEvent, eventSignature } from '../../src/sandbox/dingtalk/callback-crypto.js';
import { call, type SandboxServer, startSandboxServer } from './support/sandbox-server.js';

// DINGTALK_MODE=http: robot messages, events and card callbacks as HTTP POSTs to stand-ins for
// Kelian's /dingtalk/* routes.

let s: SandboxServer;
interface Seen {
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}
let seen: Seen[];
/** What Kelian's event route answers `success` with (encrypted, as DingTalk requires). */
let eventReply: string;
const remember = (ctx: {
  path: string;
  query: Record<string, unknown>;
  headers: Seen['headers'];
  request: { body?: unknown };
}) =>
  seen.push({
    path: ctx.path,
    query: ctx.query,
    headers: ctx.headers,
    body: ctx.request.body as Record<string, unknown>,
  });

const kelian = new Router()
  .post('/dingtalk/robot', (ctx) => {
    remember(ctx);
    // Answered in-line: DingTalk posts this message back into the chat.
    ctx.body = { msgtype: 'text', text: { content: '已收到' } };
  })
  .post('/dingtalk/events', (ctx) => {
    remember(ctx);
    const encrypt = encryptEvent(sandboxDingTalk.aesKey, sandboxDingTalk.clientId, eventReply);
    const timeStamp = String(Date.now());
    const nonce = 'abcdefgh12345678';
    ctx.body = {
      msg_signature: eventSignature(sandboxDingTalk.token, timeStamp, nonce, encrypt),
      timeStamp,
      nonce,
      encrypt,
    };
  })
  .post('/dingtalk/card', (ctx) => {
    remember(ctx);
    ctx.body = {
      cardUpdateOptions: { updatePrivateDataByKey: true },
      userPrivateData: { cardParamMap: { mine: 'true' } },
    };
  });

beforeEach(async () => {
  seen = [];
  eventReply = 'success';
  s = await startSandboxServer({ DINGTALK_MODE: 'http' }, [kelian]);
});
afterEach(() => s.stop());

const userid = (name: string) =>
  s.sandbox.state.org.people.find((p) => p.name === name)?.dingtalk.userid ?? '';

describe('HTTP mode', () => {
  test('a robot message is POSTed with timestamp and sign; an in-line answer shows in the chat', async () => {
    const { delivery } = await s.sandbox.actions.sendDingTalkText({ from: userid('黄磊'), text: '今日待办' });
    expect(delivery).toMatchObject({ mode: 'http', delivered: true, status: 200 });
    const [robot] = seen;
    const timestamp = String(robot?.headers.timestamp);
    const expected = createHmac('sha256', sandboxDingTalk.clientSecret)
      .update(`${timestamp}\n${sandboxDingTalk.clientSecret}`)
      .digest('base64');
    expect(robot?.headers.sign).toBe(expected);
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(5_000);
    expect(robot?.body).toMatchObject({
      senderStaffId: userid('黄磊'),
      text: { content: '今日待办' },
      conversationType: '1',
    });
    const { body } = await call(`${s.url}/sandbox/api/messages?platform=dingtalk&user=${userid('黄磊')}`);
    expect((body.messages as { content: unknown }[]).map((m) => m.content)).toEqual([
      { content: '今日待办' },
      { content: '已收到' },
    ]);
  });

  test('an event is encrypted for the app and counts only when the answer decrypts to success', async () => {
    const { eventId, delivery } = await s.sandbox.actions.emitDingTalkEvent({
      eventType: 'bpms_task_change',
      data: { processInstanceId: 'p-1', type: 'finish', result: 'agree' },
    });
    expect(delivery).toMatchObject({ mode: 'http', delivered: true });
    const [event] = seen;
    const encrypt = String(event?.body.encrypt);
    const { signature, timestamp, nonce } = (event?.query ?? {}) as Record<string, string>;
    expect(signature).toBe(eventSignature(sandboxDingTalk.token, timestamp ?? '', nonce ?? '', encrypt));
    const plain = decryptEvent(sandboxDingTalk.aesKey, sandboxDingTalk.clientId, encrypt);
    expect(JSON.parse(plain ?? '{}')).toMatchObject({
      EventType: 'bpms_task_change',
      CorpId: sandboxDingTalk.corpId,
      eventId,
      processInstanceId: 'p-1',
      result: 'agree',
    });

    eventReply = 'fail';
    const refused = await s.sandbox.actions.emitDingTalkEvent({ eventType: 'user_add_org', data: {} });
    expect(refused.delivery).toMatchObject({
      delivered: false,
      reason: 'the answer is not an encrypted "success"',
    });
  });

  test('a card with an HTTP callback is clicked through the registered URL, signed with its apiSecret', async () => {
    const auth = await call(`${s.url}/sandbox/dingtalk/api/v1.0/oauth2/accessToken`, {
      body: { appKey: sandboxDingTalk.clientId, appSecret: sandboxDingTalk.clientSecret },
    });
    const headers = { 'x-acs-dingtalk-access-token': String(auth.body.accessToken) };
    const registered = await call(`${s.url}/sandbox/dingtalk/api/v1.0/card/callbacks/register`, {
      headers,
      body: { callbackRouteKey: 'kelian', callbackUrl: `${s.url}/dingtalk/card`, apiSecret: 'mySecret' },
    });
    expect(registered.body).toEqual({
      success: true,
      result: { callbackUrl: `${s.url}/dingtalk/card`, apiSecret: 'mySecret' },
    });
    const kept = await call(`${s.url}/sandbox/dingtalk/api/v1.0/card/callbacks/register`, {
      headers,
      body: { callbackRouteKey: 'kelian', callbackUrl: 'https://elsewhere.example.com', apiSecret: 'other' },
    });
    expect(kept.body.result).toMatchObject({ apiSecret: 'mySecret' });

    const lin = userid('林芳');
    await call(`${s.url}/sandbox/dingtalk/api/v1.0/card/instances/createAndDeliver`, {
      headers,
      body: {
        cardTemplateId: 'kelian-general.schema',
        outTrackId: 'ticket:5:v1',
        callbackType: 'HTTP',
        callbackRouteKey: 'kelian',
        cardData: { cardParamMap: { title: '工单' } },
        openSpaceId: `dtv1.card//IM_ROBOT.${lin}`,
        imRobotOpenSpaceModel: { supportForward: true },
        imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT' },
      },
    });
    const click = await s.sandbox.actions.clickDingTalkCard({
      user: lin,
      outTrackId: 'ticket:5:v1',
      action: 'ticket.accept:5',
    });
    expect(click.delivery).toMatchObject({ mode: 'http', delivered: true });
    const [card] = seen;
    const ts = String(card?.headers['x-ddpaas-signature-timestamp']);
    expect(card?.headers['x-ddpaas-signature']).toBe(
      createHmac('sha256', 'mySecret').update(ts).digest('base64'),
    );
    expect(card?.body).toMatchObject({ type: 'actionCallback', outTrackId: 'ticket:5:v1', userId: lin });
    expect(click.view?.params).toEqual({ title: '工单', mine: 'true' });
  });
});

describe('the DingTalk callback crypto matches the published vectors', () => {
  test('vector A decrypts and its signature matches', () => {
    const encrypt =
      '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3';
    expect(decryptEvent('Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7', 'ding6ccabc44d2c8d38b', encrypt)).toBe(
      '{"EventType":"check_url"}',
    );
    expect(
      decryptEvent('Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7', 'someone-else', encrypt),
    ).toBeUndefined();
    expect(eventSignature('mryue', '1608001896814', 'WL4PK6yA', encrypt)).toBe(
      '03044561471240d4a14bb09372dfcfd4fd0e40cb',
    );
  });

  test('what it encrypts round-trips, Chinese included', () => {
    const key = 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7';
    expect(decryptEvent(key, 'owner', encryptEvent(key, 'owner', '{"title":"中文"}'))).toBe(
      '{"title":"中文"}',
    );
  });
});
