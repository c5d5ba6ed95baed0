// WeCom behind the neutral ChatPlatform: audiences become touser / toparty / appchat, cards become
// template_card through an injected renderer, and card updates reach every copy through
// update_template_card with a stored, unused response code.
import type { Card } from '@kelian/cards';
import type { Logger } from 'pino';
import {
  type Audience,
  CardNotUpdatableError,
  type CardRef,
  type ChatPlatform,
  type OutboundMessage,
  type RateKey,
  type SendVerdict,
} from '../common.js';
import type { WeComClient } from './client.js';
import { WeComApiError, WeComLimitError } from './errors.js';
import { assertTemplateCard, LIMITS } from './limits.js';
import { APPCHAT_WINDOWS, MEMBER_WINDOWS } from './rate-limiter.js';

/** Neutral card → WeCom template_card object (the cards package's WeCom renderer). */
export type RenderWeComCard = (card: Card) => Record<string, unknown>;

/**
 * Key of CardRef.responseCodes under which the code returned by message/send is kept. The other
 * keys are the UserIDs of clickers; a UserID starts with a letter or digit, so it can never be '*'.
 */
export const SEND_RESPONSE_CODE = '*';

/**
 * Recipients or a chat that do not exist or are out of the app's reach (81013, 82001, 60011, 86003,
 * 86216): sending again cannot help.
 */
const NO_SUCH_RECIPIENT = new Set([81013, 82001, 60011, 86003, 86216]);
/** 42014: the task_id is taken (or malformed, which limits.ts rules out before sending). */
const TASK_ID_TAKEN = 42014;

/** Errors that say nothing about the response code tried, so trying another code cannot help. */
const NOT_ABOUT_THE_CODE = new Set([-1, 40001, 40014, 42001, 45009, 45033, 48002, 60020]);

export interface WeComPlatformOptions {
  client: WeComClient;
  renderCard: RenderWeComCard;
  /** The template_card of update_template_card: same card type, spent buttons greyed out. */
  renderUpdate?: RenderWeComCard;
  logger: Logger;
}

export class WeComPlatform implements ChatPlatform {
  readonly name = 'wecom' as const;
  readonly #client: WeComClient;
  readonly #render: RenderWeComCard;
  readonly #renderUpdate: RenderWeComCard;
  readonly #log: Logger;

  constructor(options: WeComPlatformOptions) {
    this.#client = options.client;
    this.#render = options.renderCard;
    this.#renderUpdate = options.renderUpdate ?? options.renderCard;
    this.#log = options.logger.child({ component: 'wecom-platform' });
  }

  /**
   * Every member a message reaches counts it against their own window (30 per minute, 1000 per hour
   * from this app); an app group counts against the group. A department's members are WeCom's to
   * count (toparty is only used for notices to whole departments).
   */
  rateKeys(audience: Audience, _kind: OutboundMessage['kind']): RateKey[] {
    if (audience.kind === 'group')
      return [{ key: `wecom:appchat:${audience.conversationId}`, windows: APPCHAT_WINDOWS }];
    if (audience.kind === 'department') return [];
    return [...new Set(audience.userIds)].map((id) => ({
      key: `wecom:member:${id}`,
      windows: MEMBER_WINDOWS,
    }));
  }

  judge(error: unknown): SendVerdict {
    if (error instanceof WeComLimitError) return 'refused';
    if (!(error instanceof WeComApiError)) return 'retry';
    if (error.errcode === TASK_ID_TAKEN) return 'duplicate';
    return NO_SUCH_RECIPIENT.has(error.errcode) ? 'refused' : 'retry';
  }

  /** A CardRef for cards that carry a task_id (the updatable ones); undefined otherwise. */
  async send(audience: Audience, message: OutboundMessage): Promise<CardRef | undefined> {
    if (audience.kind === 'group') {
      await this.#sendToGroup(audience.conversationId, message);
      return undefined;
    }
    const recipients =
      audience.kind === 'users' ? { users: audience.userIds } : { parties: [audience.departmentId] };
    if (message.kind !== 'card') {
      // touser takes 1000 members per call: larger audiences go out in batches.
      const batches =
        audience.kind === 'users' && audience.userIds.length > LIMITS.touser
          ? chunk(audience.userIds, LIMITS.touser).map((users) => ({ users }))
          : [recipients];
      for (const batch of batches) {
        if (message.kind === 'text') await this.#client.sendText(batch, message.text);
        else await this.#client.sendMarkdown(batch, message.markdown);
      }
      return undefined;
    }
    // A card's task_id is unique per app, so one card goes out in one call: over 1000 members is refused.
    const templateCard = this.#render(message.card);
    const result = await this.#client.sendTemplateCard(recipients, templateCard);
    if (typeof templateCard.task_id !== 'string') return undefined;
    return {
      platform: 'wecom',
      cardId: templateCard.task_id,
      audience,
      responseCodes: result.responseCode ? { [SEND_RESPONSE_CODE]: result.responseCode } : {},
      version: 1,
    };
  }

  /**
   * Replaces every recipient's copy of the card (atall) with `card`, consuming one unused response
   * code (the last added first). Codes WeCom refuses are dropped and the next one tried; the returned ref
   * keeps only the codes not yet spent. On failure the caller's ref stays as it was.
   */
  async updateCard(ref: CardRef, card: Card): Promise<CardRef> {
    if (ref.platform !== 'wecom') throw new TypeError(`a ${ref.platform} card cannot be updated on WeCom`);
    const templateCard = { ...this.#renderUpdate(card), task_id: ref.cardId };
    assertTemplateCard(templateCard);
    const codes = Object.entries(ref.responseCodes ?? {}).reverse();
    // WeCom allows one update per response code: with none left, the copies cannot change.
    if (codes.length === 0) throw new CardNotUpdatableError(ref.cardId);
    const spent = new Set<string>();
    let refusal: WeComApiError | undefined;
    for (const [holder, responseCode] of codes) {
      spent.add(holder);
      try {
        await this.#client.updateTemplateCard({ responseCode, everyone: true, card: templateCard });
      } catch (error) {
        if (!(error instanceof WeComApiError) || NOT_ABOUT_THE_CODE.has(error.errcode)) throw error;
        this.#log.warn(
          { cardId: ref.cardId, errcode: error.errcode },
          'response code refused; trying the next one',
        );
        refusal = error;
        continue;
      }
      const remaining = Object.fromEntries(codes.filter(([key]) => !spent.has(key)).reverse());
      return { ...ref, responseCodes: remaining, version: ref.version + 1 };
    }
    throw new CardNotUpdatableError(ref.cardId, { cause: refusal });
  }

  /** appchat/send carries text and markdown only: no template_card, so no buttons in app groups (reference §5.1). */
  async #sendToGroup(chatId: string, message: OutboundMessage): Promise<void> {
    if (message.kind === 'text') await this.#client.sendAppChatText(chatId, message.text);
    else if (message.kind === 'markdown') await this.#client.sendAppChatMarkdown(chatId, message.markdown);
    else throw new WeComLimitError('WeCom app group chats (appchat) cannot carry template cards');
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
