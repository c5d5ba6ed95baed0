// ChatPlatform for DingTalk: text and markdown through the app robot (1:1 batch or group), work
// notifications for whole departments, interactive cards through createAndDeliver, and card
// updates through PUT /v1.0/card/instances so every copy changes, not only the clicker's.
import type { Card } from '@kelian/cards';
import type { Logger } from 'pino';
import type {
  Audience,
  CardRef,
  ChatPlatform,
  OutboundMessage,
  RateKey,
  RateWindow,
  SendVerdict,
  TextEvent,
} from '../common.js';
import { type ActionCardContent, actionCardRobotMessage } from './action-card-message.js';
import type { DingTalkClient } from './client.js';
import { DingTalkApiError } from './errors.js';
import type { CreateAndDeliverCardRequest } from './interactive-cards.js';
import type { RobotMessage } from './robot-messages.js';
import type { WorkNotice } from './work-notifications.js';

/** Turns a neutral card into a published DingTalk card template and its (string-only) variables. */
export type RenderDingTalkCard = (card: Card) => {
  cardTemplateId: string;
  cardParamMap: Record<string, string>;
};

export interface DingTalkPlatformOptions {
  client: DingTalkClient;
  renderCard: RenderDingTalkCard;
  /** The same card as an ActionCard with link buttons, for a robot without card permission. */
  renderFallback?: (card: Card) => ActionCardContent;
  logger: Logger;
  /**
   * How DingTalk delivers clicks on cards sent here: over Stream (default), or over HTTP to the URL
   * registered under `routeKey` with /v1.0/card/callbacks/register.
   */
  cardCallback?: { type: 'STREAM' } | { type: 'HTTP'; routeKey: string };
}

type PlainMessage = Exclude<OutboundMessage, { kind: 'card' }>;

/** Per app per API: 20 calls a second on a standard organisation (reference §6, 90018 beyond). */
const API_QPS: readonly RateWindow[] = [{ limit: 20, windowMs: 1000 }];

/** The API a send calls, for its QPS key. */
function sendApi(audience: Audience, kind: OutboundMessage['kind']): string {
  if (kind === 'card') return 'card/instances/createAndDeliver';
  if (audience.kind === 'group') return 'robot/groupMessages/send';
  if (audience.kind === 'department') return 'topapi/message/corpconversation/asyncsend_v2';
  return 'robot/oToMessages/batchSend';
}

/** A sessionWebhook this close to expiry is not worth the race; send through the robot API instead. */
const WEBHOOK_MARGIN_MS = 10_000;

function robotMessage(message: PlainMessage): RobotMessage {
  return message.kind === 'text'
    ? { msgKey: 'sampleText', msgParam: { content: message.text } }
    : { msgKey: 'sampleMarkdown', msgParam: { title: message.title, text: message.markdown } };
}

function workNotice(message: PlainMessage): WorkNotice {
  return message.kind === 'text'
    ? { msgtype: 'text', text: { content: message.text } }
    : { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } };
}

export class DingTalkPlatform implements ChatPlatform {
  readonly name = 'dingtalk' as const;
  readonly #o: DingTalkPlatformOptions;

  constructor(options: DingTalkPlatformOptions) {
    this.#o = options;
  }

  /**
   * `param.*` answers say the request itself is wrong (no such user or group, a card the template
   * cannot show), except `param.cardAlreadyExist`: that outTrackId was delivered before.
   */
  judge(error: unknown): SendVerdict {
    if (!(error instanceof DingTalkApiError)) return 'retry';
    if (error.code === 'param.cardAlreadyExist') return 'duplicate';
    return error.code.startsWith('param.') || error.code === 'DELIVERY_FAILED' ? 'refused' : 'retry';
  }

  /** DingTalk limits each API's calls per app, whoever they reach. */
  rateKeys(audience: Audience, kind: OutboundMessage['kind']): RateKey[] {
    return [{ key: `dingtalk:api:${sendApi(audience, kind)}`, windows: API_QPS }];
  }

  async send(audience: Audience, message: OutboundMessage): Promise<CardRef | undefined> {
    if (message.kind === 'card') return this.#sendCard(audience, message.card);
    const { client } = this.#o;
    switch (audience.kind) {
      case 'users': {
        const result = await client.sendRobotToUsers(audience.userIds, robotMessage(message));
        const missed = new Set([...result.invalidStaffIdList, ...result.flowControlledStaffIdList]);
        if (missed.size > 0) {
          this.#o.logger.warn(
            { invalid: result.invalidStaffIdList, flowControlled: result.flowControlledStaffIdList },
            'dingtalk robot message not delivered to some users',
          );
        }
        if (audience.userIds.length > 0 && audience.userIds.every((u) => missed.has(u))) {
          throw new DingTalkApiError(
            'robot/oToMessages/batchSend',
            'DELIVERY_FAILED',
            'no recipient received the message',
          );
        }
        return undefined;
      }
      case 'group':
        await client.sendRobotToGroup(audience.conversationId, robotMessage(message));
        return undefined;
      case 'department':
        // Robots cannot address a department; work notifications can.
        await client.sendWorkNotification({ deptIds: [audience.departmentId] }, workNotice(message));
        return undefined;
    }
  }

  async #sendCard(audience: Audience, card: Card): Promise<CardRef | undefined> {
    const { client } = this.#o;
    const { cardTemplateId, cardParamMap } = this.#o.renderCard(card);
    // The card's own id is the outTrackId. DingTalk refuses a reused one (param.cardAlreadyExist):
    // whoever builds the card gives each sent instance a fresh id.
    const outTrackId = card.id;
    const callback = this.#o.cardCallback ?? { type: 'STREAM' };
    const request: CreateAndDeliverCardRequest = {
      cardTemplateId,
      outTrackId,
      ...(callback.type === 'HTTP'
        ? { callbackType: 'HTTP', callbackRouteKey: callback.routeKey }
        : { callbackType: 'STREAM' }),
      cardData: { cardParamMap },
      userIdType: 1,
      ...this.#space(audience),
    };
    let deliveries: Awaited<ReturnType<DingTalkClient['createAndDeliverCard']>>;
    try {
      deliveries = await client.createAndDeliverCard(request);
    } catch (error) {
      if (!(error instanceof DingTalkApiError && error.httpStatus === 403 && this.#o.renderFallback))
        throw error;
      // Without the interactive-card permission the robot can still post the card as an ActionCard:
      // same content, buttons that open Kelian instead of calling back. It cannot be updated later.
      this.#o.logger.warn({ outTrackId, code: error.code }, 'no card permission; sent as an ActionCard');
      const fallback = actionCardRobotMessage(this.#o.renderFallback(card));
      if (audience.kind === 'group') await client.sendRobotToGroup(audience.conversationId, fallback);
      else if (audience.kind === 'users') await client.sendRobotToUsers(audience.userIds, fallback);
      else throw error;
      return undefined;
    }
    const failed = deliveries.filter((d) => !d.success);
    if (failed.length > 0) {
      this.#o.logger.warn(
        { outTrackId, failed: failed.map((d) => ({ spaceId: d.spaceId, error: d.errorMsg })) },
        'dingtalk card not delivered to some spaces',
      );
      if (failed.length === deliveries.length) {
        throw new DingTalkApiError(
          'card/instances/createAndDeliver',
          'DELIVERY_FAILED',
          failed.map((d) => d.errorMsg ?? 'unknown').join('; '),
        );
      }
    }
    return { platform: 'dingtalk', cardId: outTrackId, audience, version: 1 };
  }

  /** openSpaceId plus the space and deliver models each space type requires. */
  #space(
    audience: Audience,
  ): Pick<
    CreateAndDeliverCardRequest,
    | 'openSpaceId'
    | 'imGroupOpenSpaceModel'
    | 'imGroupOpenDeliverModel'
    | 'imRobotOpenSpaceModel'
    | 'imRobotOpenDeliverModel'
  > {
    const robotCode = this.#o.client.robotCode;
    switch (audience.kind) {
      case 'users':
        return {
          openSpaceId: `dtv1.card//${audience.userIds.map((u) => `IM_ROBOT.${u}`).join(';')}`,
          imRobotOpenSpaceModel: { supportForward: true },
          imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode },
        };
      case 'group':
        return {
          openSpaceId: `dtv1.card//IM_GROUP.${audience.conversationId}`,
          imGroupOpenSpaceModel: { supportForward: true },
          imGroupOpenDeliverModel: { robotCode },
        };
      case 'department':
        throw new TypeError('DingTalk cannot deliver a card to a department; address its users instead');
    }
  }

  async updateCard(ref: CardRef, card: Card): Promise<CardRef> {
    const { cardParamMap } = this.#o.renderCard(card);
    await this.#o.client.updateCard({ outTrackId: ref.cardId, cardParamMap });
    return { ...ref, version: ref.version + 1 };
  }

  /**
   * Answers a robot message in its own chat: through the message's sessionWebhook while it is
   * valid (no robot quota, and it works in groups the robot API cannot reach), else through the
   * robot API to the same conversation.
   */
  async reply(event: TextEvent, message: OutboundMessage): Promise<CardRef | undefined> {
    const webhook = event.reply;
    if (message.kind !== 'card' && webhook && webhook.expiresAt.getTime() - Date.now() > WEBHOOK_MARGIN_MS) {
      const body =
        message.kind === 'text'
          ? { msgtype: 'text', text: { content: message.text } }
          : { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } };
      await this.#o.client.replyBySessionWebhook(webhook.sessionWebhook, body);
      return undefined;
    }
    const audience: Audience =
      event.conversation.type === 'group'
        ? { kind: 'group', conversationId: event.conversation.id }
        : { kind: 'users', userIds: [event.from] };
    return this.send(audience, message);
  }
}
