import { describe, expect, it } from 'vitest';
import { MalformedRequestError } from '../../../src/platforms/dingtalk/errors.js';
import {
  cardCallbackEvent,
  httpSubscriptionEvents,
  robotMessageEvent,
  streamCardCallbackEvent,
  streamSubscriptionEvents,
} from '../../../src/platforms/dingtalk/events.js';
import {
  cardCallbackBody,
  cardFrame,
  instanceRefusedHttp,
  robotDirectMessage,
  robotGroupFrame,
  taskChangeBody,
  taskChangeHttp,
  userAddFrame,
} from './support/fixtures.js';

const meta = { dedupeKey: 'k1', occurredAt: new Date(1_700_000_000_000) };

describe('robot messages', () => {
  it('a group @message: sender staff id, group conversation, trimmed text, webhook reply, msgId dedupe', () => {
    const data = JSON.parse(robotGroupFrame.data);
    expect(robotMessageEvent(data)).toEqual({
      platform: 'dingtalk',
      kind: 'text',
      dedupeKey: 'msgLICYe****HgY4JtMQw==',
      msgId: 'msgLICYe****HgY4JtMQw==',
      occurredAt: new Date(1690362101894),
      from: '16650***698',
      conversation: { type: 'group', id: 'cidAsXSBLnA==' },
      text: '测试数据',
      reply: {
        sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=76da36b4**********8f59e8',
        expiresAt: new Date(1690367502152),
      },
      raw: data,
    });
  });

  it('a direct message (conversationType "1") is a direct conversation', () => {
    const event = robotMessageEvent(robotDirectMessage);
    expect(event).toMatchObject({
      kind: 'text',
      from: '032615015535634423',
      conversation: { type: 'direct' },
      text: '帮助',
      occurredAt: new Date(1774080994334),
      reply: { expiresAt: new Date(1774086394522) },
    });
  });

  it('rich text and audio become text; pictures are unknown, not errors', () => {
    const rich = {
      ...robotDirectMessage,
      msgtype: 'richText',
      content: { richText: [{ text: '查 ' }, { type: 'picture', downloadCode: 'x' }, { text: '客户' }] },
    };
    expect(robotMessageEvent(rich)).toMatchObject({ kind: 'text', text: '查 客户' });
    const audio = {
      ...robotDirectMessage,
      msgtype: 'audio',
      content: { downloadCode: 'x', recognition: '我的线索', duration: 3 },
    };
    expect(robotMessageEvent(audio)).toMatchObject({ kind: 'text', text: '我的线索' });
    const picture = { ...robotDirectMessage, msgtype: 'picture', content: { downloadCode: 'x' } };
    expect(robotMessageEvent(picture)).toMatchObject({
      kind: 'unknown',
      type: 'robot_message.picture',
      dedupeKey: robotDirectMessage.msgId,
    });
  });

  it('a sender without staff id (external user) is kept as unknown', () => {
    const { senderStaffId: _, ...external } = robotDirectMessage;
    expect(robotMessageEvent(external)).toMatchObject({ kind: 'unknown', type: 'robot_message.no_staff_id' });
  });

  it('refuses a message without msgId as malformed', () => {
    const { msgId: _, ...broken } = robotDirectMessage;
    expect(() => robotMessageEvent(broken)).toThrow(MalformedRequestError);
  });
});

describe('card callbacks', () => {
  it('the card-examples Stream frame: outTrackId, params.action, clicker, messageId dedupe, frame time', () => {
    const event = streamCardCallbackEvent(cardFrame.headers, cardFrame.data);
    expect(event).toMatchObject({
      kind: 'card_action',
      cardId: 'xxxx',
      actionKey: 'like',
      from: 'xxxx',
      dedupeKey: 'xxxx',
      occurredAt: new Date(1713253544951),
    });
  });

  it('the §5.3 payload: action key from params, not the component id', () => {
    expect(cardCallbackEvent(cardCallbackBody, meta)).toMatchObject({
      kind: 'card_action',
      cardId: 'lead-123-v1',
      actionKey: 'accept',
      from: 'user456',
    });
  });

  it('older HTTP shapes: only `value`, params beside cardPrivateData, no params (component id)', () => {
    const { content: _, ...valueOnly } = cardCallbackBody;
    expect(cardCallbackEvent(valueOnly, meta)).toMatchObject({ actionKey: 'accept' });
    const beside = {
      ...cardCallbackBody,
      content: '{"cardPrivateData":{"actionIds":["btn1"]},"params":{"action":"claim"}}',
    };
    expect(cardCallbackEvent(beside, meta)).toMatchObject({ actionKey: 'claim' });
    const idOnly = { ...cardCallbackBody, content: '{"cardPrivateData":{"actionIds":["approve_btn"]}}' };
    expect(cardCallbackEvent(idOnly, meta)).toMatchObject({ actionKey: 'approve_btn' });
  });

  it('multi-select form values come out as `selected`', () => {
    const form = {
      ...cardCallbackBody,
      content:
        '{"cardPrivateData":{"actionIds":["submit"],"params":{"action":"feedback","reasons":["slow","price"]}}}',
    };
    expect(cardCallbackEvent(form, meta)).toMatchObject({
      actionKey: 'feedback',
      selected: { reasons: ['slow', 'price'] },
    });
  });

  it('dynamic data pulls are unknown events; content that is not JSON or names no action is malformed', () => {
    expect(cardCallbackEvent({ ...cardCallbackBody, type: 'dynamicDataCallback' }, meta)).toMatchObject({
      kind: 'unknown',
      type: 'card.dynamicDataCallback',
    });
    expect(() =>
      cardCallbackEvent({ ...cardCallbackBody, content: '{not json', value: undefined }, meta),
    ).toThrow(MalformedRequestError);
    expect(() => cardCallbackEvent({ ...cardCallbackBody, content: '{"cardPrivateData":{}}' }, meta)).toThrow(
      MalformedRequestError,
    );
  });
});

describe('subscription events', () => {
  it('the user_add_org Stream frame → org_change user create, keyed by eventId, born time', () => {
    expect(streamSubscriptionEvents(userAddFrame.headers, userAddFrame.data)).toEqual([
      {
        platform: 'dingtalk',
        kind: 'org_change',
        entity: 'user',
        change: 'create',
        id: '015xxxx227',
        dedupeKey: 'c7c7120f2c07419***ebdba0318c8',
        occurredAt: new Date(1683533823336),
        raw: {
          EventType: 'user_add_org',
          eventId: 'c7c7120f2c07419***ebdba0318c8',
          timestamp: '1685501863357',
          userId: ['015xxxx227'],
        },
      },
    ]);
  });

  it('contact events over HTTP (PascalCase ids), one ChatEvent per id', () => {
    const events = httpSubscriptionEvents(
      JSON.stringify({
        EventType: 'user_leave_org',
        TimeStamp: '1685501863357',
        UserId: ['u1', 'u2'],
        CorpId: 'c',
        eventId: 'ev9',
      }),
    );
    expect(
      events.map((e) => [e.kind, e.dedupeKey, 'id' in e ? e.id : '', 'change' in e ? e.change : '']),
    ).toEqual([
      ['org_change', 'ev9:u1', 'u1', 'delete'],
      ['org_change', 'ev9:u2', 'u2', 'delete'],
    ]);
    expect(events[0]?.occurredAt).toEqual(new Date(1685501863357));
  });

  it.each([
    ['user_modify_org', 'user', 'update', 'userId'],
    ['user_active_org', 'user', 'update', 'userId'],
    ['org_dept_create', 'department', 'create', 'deptId'],
    ['org_dept_modify', 'department', 'update', 'deptId'],
    ['org_dept_remove', 'department', 'delete', 'deptId'],
  ])('%s → %s %s', (eventType, entity, change, field) => {
    const events = streamSubscriptionEvents(
      { ...userAddFrame.headers, eventType },
      JSON.stringify({ [field]: [42] }),
    );
    expect(events).toMatchObject([
      { kind: 'org_change', entity, change, id: '42', dedupeKey: userAddFrame.headers.eventId },
    ]);
  });

  it('approval task and instance changes → approval_change with the process instance id', () => {
    expect(httpSubscriptionEvents(JSON.stringify(taskChangeHttp))).toMatchObject([
      {
        kind: 'approval_change',
        approvalId: 'ad253df6-e175caf-68085c60ba8a',
        dedupeKey: taskChangeHttp.eventId,
        occurredAt: new Date(1683533823336),
      },
    ]);
    expect(httpSubscriptionEvents(JSON.stringify(instanceRefusedHttp))).toMatchObject([
      {
        kind: 'approval_change',
        approvalId: 'ad253df6-e175caf-68085c60ba8a',
        dedupeKey: instanceRefusedHttp.eventId,
      },
    ]);
    const stream = streamSubscriptionEvents(
      { messageId: 'm1', eventType: 'bpms_task_change', eventId: 'ev-task', eventBornTime: '1683533823336' },
      JSON.stringify(taskChangeBody),
    );
    expect(stream).toMatchObject([
      { kind: 'approval_change', approvalId: taskChangeBody.processInstanceId, dedupeKey: 'ev-task' },
    ]);
  });

  it('anything else is unknown, never an error; a legacy payload without eventId is keyed by its content', () => {
    const plaintext = JSON.stringify({
      EventType: 'chat_update_title',
      ChatId: 'chat1',
      TimeStamp: '1685501863357',
    });
    const [event] = httpSubscriptionEvents(plaintext);
    expect(event).toMatchObject({ kind: 'unknown', type: 'chat_update_title' });
    expect(event?.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(httpSubscriptionEvents(plaintext)[0]?.dedupeKey).toBe(event?.dedupeKey);
  });

  it('check_url is a handshake, not an event; a payload without EventType is malformed', () => {
    expect(httpSubscriptionEvents('{"EventType":"check_url"}')).toEqual([]);
    expect(() => httpSubscriptionEvents('{"eventId":"x"}')).toThrow(MalformedRequestError);
    expect(() => httpSubscriptionEvents('[1]')).toThrow(MalformedRequestError);
  });
});
