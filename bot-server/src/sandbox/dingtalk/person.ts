import { randomBytes } from 'node:crypto';
import { Problem } from '../../http/problem.js';
import type { SandboxContext } from '../context.js';
import { randomAlnum, randomBase64, stableBase64, stableUuid } from '../state/ids.js';
import { BOT_CHAT, BOT_NAME, type ChatMessage } from '../state/messages.js';
import { DINGTALK_OAPI_PATH } from './api.js';
import {
  cardCallbackSign,
  decryptEvent,
  encryptEvent,
  eventSignature,
  robotSign,
} from './callback-crypto.js';
import type { DingTalkCardView, ParamMap } from './cards.js';
import type { StreamAck } from './stream-frames.js';
import type { StreamGateway } from './stream-gateway.js';

// What a person does in DingTalk, delivered to Kelian the way DingTalk delivers it: a Stream frame
// to the connected client (DINGTALK_MODE=stream) or an HTTP POST to Kelian's routes (http).

const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
const TOPIC_CARD = '/v1.0/card/instances/callback';
const DINGTALK_ROBOT_PATH = '/dingtalk/robot';
const DINGTALK_EVENTS_PATH = '/dingtalk/events';

/** sessionWebhookExpiredTime is createAt + 90 min in every known sample (§3.1). */
const SESSION_TTL_MS = 90 * 60_000;
/** Card callbacks must be answered within 2 s (§5.4); events over HTTP within 1.5 s (§1.1). */
const CARD_ANSWER_MS = 2_000;
const EVENT_HTTP_ANSWER_MS = 1_500;
const ROBOT_HTTP_ANSWER_MS = 5_000;

export type DingTalkDelivery =
  | {
      mode: 'stream';
      delivered: boolean;
      reason?: string;
      messageId: string;
      connectionId?: string;
      ack?: StreamAck;
    }
  | { mode: 'http'; delivered: boolean; reason?: string; status?: number; ms: number; answer?: unknown };

export interface DingTalkPersonActions {
  sendDingTalkText(input: { from: string; conversationId?: string; text: string }): Promise<{
    message: ChatMessage;
    delivery: DingTalkDelivery;
    sessionWebhook: string;
  }>;
  /** `action` comes back as params.action (Kelian's key); `actionId` is the button's component id. */
  clickDingTalkCard(input: {
    user: string;
    outTrackId: string;
    action: string;
    actionId?: string;
    params?: Record<string, unknown>;
  }): Promise<{ delivery: DingTalkDelivery; view: DingTalkCardView | undefined }>;
  /** A subscription event such as `user_add_org` or `bpms_task_change`, with its body. */
  emitDingTalkEvent(input: { eventType: string; data: Record<string, unknown> }): Promise<{
    eventId: string;
    delivery: DingTalkDelivery;
  }>;
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Extract<DingTalkDelivery, { mode: 'http' }>> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let answer: unknown = text;
    try {
      answer = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { mode: 'http', delivered: res.status === 200, status: res.status, ms: ms(), answer };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      mode: 'http',
      delivered: false,
      reason: timedOut ? `no answer within ${timeoutMs} ms` : String(error),
      ms: ms(),
    };
  }
}

const strings = (value: unknown): ParamMap | undefined =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
    ? (value as ParamMap)
    : undefined;

export function dingtalkPersonActions(sb: SandboxContext, gateway: StreamGateway): DingTalkPersonActions {
  const { org, dingtalk, messages } = sb.state;
  const chatbotUserId = `$:LWCP_v1:$${stableBase64(`chatbot:${sb.dingtalk.clientId}`, 32)}`;

  const member = (userid: string) => {
    const person = org.personByDingTalk(userid);
    if (!person) throw new Problem(404, 'sandbox-user-not-found', '钉钉沙箱中没有这位成员', userid);
    return person;
  };

  /** A callback answer ({cardUpdateOptions, cardData, userPrivateData}) changes the clicker's card only. */
  const applyCardAnswer = (outTrackId: string, user: string, answer: unknown) => {
    const card = dingtalk.cards.get(outTrackId);
    if (!card || typeof answer !== 'object' || answer === null) return;
    const { cardUpdateOptions, cardData, userPrivateData } = answer as {
      cardUpdateOptions?: { updateCardDataByKey?: boolean; updatePrivateDataByKey?: boolean };
      cardData?: { cardParamMap?: unknown };
      userPrivateData?: { cardParamMap?: unknown };
    };
    const publicPart = strings(cardData?.cardParamMap);
    const privatePart = strings(userPrivateData?.cardParamMap);
    if (!publicPart && !privatePart) return;
    dingtalk.cards.answerClick(card, user, {
      ...(publicPart ? { cardParamMap: publicPart } : {}),
      ...(privatePart ? { privateData: { [user]: privatePart } } : {}),
      byKey: cardUpdateOptions?.updateCardDataByKey === true,
      privateByKey: cardUpdateOptions?.updatePrivateDataByKey === true,
    });
  };

  return {
    async sendDingTalkText({ from, conversationId, text }) {
      const person = member(from);
      const group = conversationId === undefined ? undefined : dingtalk.groups.get(conversationId);
      if (conversationId !== undefined && !group)
        throw new Problem(404, 'sandbox-chat-not-found', '群聊不存在', conversationId);
      if (group && !group.members.includes(from))
        throw new Problem(403, 'sandbox-not-a-member', '你不在这个群聊中');
      const chat = group ? group.openConversationId : BOT_CHAT;
      const chatName = group ? group.name : BOT_NAME;
      const viewers = group ? group.members : [from];
      const message = messages.add({
        platform: 'dingtalk',
        direction: 'in',
        chat,
        chatName,
        from: { id: from, name: person.name },
        viewers,
        type: 'text',
        content: { content: text },
        via: sb.dingtalk.mode === 'stream' ? 'stream' : 'http',
      });

      const createAt = sb.now();
      const session = randomBytes(16).toString('hex');
      dingtalk.sessions.set(session, { chat, chatName, viewers, expiresAt: createAt + SESSION_TTL_MS });
      const sessionWebhook = `${sb.serverUrl()}${DINGTALK_OAPI_PATH}/robot/sendBySession?session=${session}`;
      // The robot message as DingTalk sends it (§3.1); in a group the text keeps the space left
      // after the @mention.
      const payload = {
        conversationId: group ? group.openConversationId : person.dingtalk.robotConversationId,
        ...(group
          ? { atUsers: [{ dingtalkId: chatbotUserId }], conversationTitle: group.name, isInAtList: true }
          : {}),
        chatbotCorpId: sb.dingtalk.corpId,
        chatbotUserId,
        msgId: `msg${randomBase64(22)}==`,
        senderNick: person.name,
        isAdmin: person.admin,
        senderStaffId: person.dingtalk.userid,
        sessionWebhookExpiredTime: createAt + SESSION_TTL_MS,
        createAt,
        senderCorpId: sb.dingtalk.corpId,
        conversationType: group ? '2' : '1',
        senderId: person.dingtalk.senderId,
        sessionWebhook,
        text: { content: group ? ` ${text}` : text },
        robotCode: sb.dingtalk.clientId,
        senderPlatform: 'Web',
        msgtype: 'text',
      };

      let delivery: DingTalkDelivery;
      if (sb.dingtalk.mode === 'stream') {
        // ACK at once or the frame comes again ~16 s later (reference §2.3).
        const pushed = await gateway.push('CALLBACK', TOPIC_ROBOT, payload, {
          answerWithinMs: 5_000,
          redeliverAfterMs: 16_000,
          maxDeliveries: 3,
        });
        delivery = { mode: 'stream', ...pushed };
      } else {
        const timestamp = String(sb.now());
        delivery = await post(
          `${sb.serverUrl()}${DINGTALK_ROBOT_PATH}`,
          payload,
          { timestamp, sign: robotSign(sb.dingtalk.clientSecret, timestamp) },
          ROBOT_HTTP_ANSWER_MS,
        );
        // The HTTP answer may itself be a message posted back into the chat.
        const answer = delivery.answer as { msgtype?: unknown } | undefined;
        if (delivery.delivered && typeof answer?.msgtype === 'string' && answer.msgtype !== 'empty') {
          messages.add({
            platform: 'dingtalk',
            direction: 'out',
            chat,
            chatName,
            from: { id: sb.dingtalk.clientId, name: BOT_NAME },
            viewers,
            type: answer.msgtype,
            content: (answer as Record<string, unknown>)[answer.msgtype],
            via: 'robot answer',
          });
        }
      }
      message.delivery = delivery;
      return { message, delivery, sessionWebhook };
    },

    async clickDingTalkCard({ user, outTrackId, action, actionId, params }) {
      const person = member(user);
      const card = dingtalk.cards.get(outTrackId);
      if (!card) throw new Problem(404, 'sandbox-card-not-found', '卡片不存在', outTrackId);
      const space = card.spaces.find((s) => s.viewers.includes(user));
      if (!space) throw new Problem(403, 'sandbox-card-not-visible', '你看不到这张卡片');
      const content = JSON.stringify({
        cardPrivateData: { actionIds: [actionId ?? action], params: { ...params, action } },
      });
      messages.add({
        platform: 'dingtalk',
        direction: 'in',
        chat: space.chat,
        chatName: space.chat === BOT_CHAT ? BOT_NAME : (dingtalk.groups.get(space.chat)?.name ?? space.chat),
        from: { id: user, name: person.name },
        viewers: [user],
        type: 'card_callback',
        content: { outTrackId, action, actionId: actionId ?? action, params: params ?? {} },
        via: card.callbackType === 'HTTP' ? 'http' : 'stream',
        cardId: outTrackId,
      });
      const payload = {
        type: 'actionCallback',
        outTrackId,
        corpId: sb.dingtalk.corpId,
        userId: user,
        userIdType: 1,
        spaceType: 'im',
        spaceId: space.spaceType === 'IM_GROUP' ? space.spaceId : person.dingtalk.robotConversationId,
        extension: '{}',
        content,
        value: content,
      };

      let delivery: DingTalkDelivery;
      if (card.callbackType === 'STREAM') {
        const pushed = await gateway.push('CALLBACK', TOPIC_CARD, payload, {
          answerWithinMs: CARD_ANSWER_MS,
        });
        delivery = { mode: 'stream', ...pushed };
        const data = pushed.ack?.data as { response?: unknown } | undefined;
        applyCardAnswer(outTrackId, user, data?.response);
      } else if (card.callbackType === 'HTTP') {
        const route = dingtalk.cardCallbackRoutes.get(card.callbackRouteKey ?? '');
        if (!route) {
          delivery = {
            mode: 'http',
            delivered: false,
            reason: `callbackRouteKey ${card.callbackRouteKey} is not registered`,
            ms: 0,
          };
        } else {
          const timestamp = String(sb.now());
          delivery = await post(
            route.callbackUrl,
            payload,
            {
              'x-ddpaas-signature-timestamp': timestamp,
              'x-ddpaas-signature': cardCallbackSign(route.apiSecret, timestamp),
            },
            CARD_ANSWER_MS,
          );
          if (delivery.delivered) applyCardAnswer(outTrackId, user, delivery.answer);
        }
      } else {
        // Cards created without callbackType never call back (reference §10.4).
        delivery = {
          mode: 'stream',
          delivered: false,
          reason: 'the card was created without callbackType',
          messageId: '',
        };
      }
      return { delivery, view: dingtalk.cards.views(outTrackId)[user] };
    },

    async emitDingTalkEvent({ eventType, data }) {
      const eventId = randomAlnum(32).toLowerCase();
      const bornTime = String(sb.now());
      if (sb.dingtalk.mode === 'stream') {
        const pushed = await gateway.push(
          'EVENT',
          '*',
          data,
          {
            answerWithinMs: 5_000,
            redeliverAfterMs: 60_000,
            maxDeliveries: 3,
            settles: (ack) => (ack.data as { status?: unknown } | undefined)?.status === 'SUCCESS',
          },
          {
            eventType,
            eventId,
            eventCorpId: sb.dingtalk.corpId,
            eventBornTime: bornTime,
            eventUnifiedAppId: stableUuid(`unified:${sb.dingtalk.clientId}`),
          },
        );
        return { eventId, delivery: { mode: 'stream', ...pushed } };
      }
      // HTTP mode: flat JSON, encrypted for the app (ownerKey = clientId), signed (§1).
      const { token, aesKey, clientId } = sb.dingtalk;
      const plain = JSON.stringify({
        EventType: eventType,
        EventTime: bornTime,
        CorpId: sb.dingtalk.corpId,
        eventId,
        ...data,
      });
      const encrypt = encryptEvent(aesKey, clientId, plain);
      const nonce = randomAlnum(16);
      const url = new URL(`${sb.serverUrl()}${DINGTALK_EVENTS_PATH}`);
      url.searchParams.set('signature', eventSignature(token, bornTime, nonce, encrypt));
      url.searchParams.set('timestamp', bornTime);
      url.searchParams.set('nonce', nonce);
      const delivery = await post(url.toString(), { encrypt }, {}, EVENT_HTTP_ANSWER_MS);
      if (!delivery.delivered) return { eventId, delivery };
      // DingTalk counts the event as taken only when the answer decrypts to "success".
      const answer = delivery.answer as Record<string, unknown> | undefined;
      const signed =
        typeof answer?.encrypt === 'string' &&
        eventSignature(token, String(answer.timeStamp), String(answer.nonce), answer.encrypt) ===
          answer.msg_signature;
      const success = signed && decryptEvent(aesKey, clientId, String(answer?.encrypt)) === 'success';
      return {
        eventId,
        delivery: success
          ? delivery
          : { ...delivery, delivered: false, reason: 'the answer is not an encrypted "success"' },
      };
    },
  };
}
