// A person clicks a button on an interactive card: the callback goes to Kelian over Stream or HTTP
// as the card was created, and Kelian's answer changes the clicker's copy of the card.
import { Problem } from '../../http/problem.js';
import type { SandboxContext } from '../context.js';
import { BOT_CHAT, BOT_NAME } from '../state/messages.js';
import type { Person } from '../state/org.js';
import { cardCallbackSign } from './callback-crypto.js';
import type { DingTalkCardView, ParamMap } from './cards.js';
import { type DingTalkDelivery, postToKelian } from './person-delivery.js';
import type { StreamGateway } from './stream-gateway.js';

const TOPIC_CARD = '/v1.0/card/instances/callback';
/** Card callbacks must be answered within 2 s (§5.4). */
const CARD_ANSWER_MS = 2_000;

/** `action` comes back as params.action (Kelian's key); `actionId` is the button's component id. */
export type ClickDingTalkCard = (input: {
  user: string;
  outTrackId: string;
  action: string;
  actionId?: string;
  params?: Record<string, unknown>;
}) => Promise<{ delivery: DingTalkDelivery; view: DingTalkCardView | undefined }>;

const strings = (value: unknown): ParamMap | undefined =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
    ? (value as ParamMap)
    : undefined;

export function clickDingTalkCard(
  sb: SandboxContext,
  gateway: StreamGateway,
  member: (userid: string) => Person,
): ClickDingTalkCard {
  const { dingtalk, messages } = sb.state;

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

  return async ({ user, outTrackId, action, actionId, params }) => {
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
        delivery = await postToKelian(
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
  };
}
