// The neutral language between the chat platforms and the rest of the server.
// platforms/ turn bytes into ChatEvent and OutboundMessage into API calls; nothing
// here knows about customers or leads, and nothing outside platforms/ knows XML,
// AES keys or DingTalk frames.
import type { Card } from '@kelian/cards';

export type PlatformName = 'wecom' | 'dingtalk';

/** Where a message came from or goes to, in the platform's own ids. */
export type Conversation =
  | { type: 'direct' }
  /** A group chat: WeCom appchat chatid, DingTalk openConversationId. */
  | { type: 'group'; id: string };

interface EventBase {
  platform: PlatformName;
  /** Stable across platform retries: the inbox drops a second event with the same key. */
  dedupeKey: string;
  /** When the platform says the event happened. */
  occurredAt: Date;
  /** The decoded payload as the platform sent it, kept for audit and for later handlers. */
  raw: Record<string, unknown>;
}

/** A user typed something to the bot (direct chat or @bot in a group). */
export interface TextEvent extends EventBase {
  kind: 'text';
  /** Platform user id of the sender (WeCom UserID, DingTalk staffId/userid). */
  from: string;
  conversation: Conversation;
  text: string;
  msgId: string;
  /** DingTalk robot messages carry a short-lived webhook to answer in the same chat. */
  reply?: { sessionWebhook: string; expiresAt: Date };
}

/** A button on an interactive card was clicked. */
export interface CardActionEvent extends EventBase {
  kind: 'card_action';
  from: string;
  /** The card's stable id: WeCom task_id, DingTalk outTrackId. */
  cardId: string;
  actionKey: string;
  conversation?: Conversation;
  /** WeCom: single-use code that allows one update_template_card for this user's copy. */
  responseCode?: string;
  /** Vote / select cards: the chosen option ids, per question. */
  selected?: Record<string, string[]>;
  /** DingTalk cards with an input: the text typed, per param name (the reason of a 驳回). */
  inputs?: Record<string, string>;
}

export interface EnterAppEvent extends EventBase {
  kind: 'enter_app';
  from: string;
}

export interface MenuClickEvent extends EventBase {
  kind: 'menu_click';
  from: string;
  key: string;
}

/** WeCom 客户联系: an external contact was added, edited or removed. */
export interface ExternalContactEvent extends EventBase {
  kind: 'external_contact';
  change: 'add' | 'edit' | 'delete' | 'del_follow_user';
  /** The employee the contact belongs to. */
  userId: string;
  externalUserId: string;
  /** The `state` of the 联系我 code the customer scanned: the lead source. */
  state?: string;
  welcomeCode?: string;
}

/** WeCom 客户联系: the corp's customer tags (企业客户标签) changed: a tag or group created, renamed, deleted or reordered. */
export interface ExternalTagsEvent extends EventBase {
  kind: 'external_tags';
  change: 'create' | 'update' | 'delete' | 'shuffle';
  /** The tag or tag group's id: a string, like every WeCom id. */
  id: string;
  tagType: 'tag' | 'tag_group';
}

/** The organisation changed on the platform: a user or department was created, updated or deleted. */
export interface OrgChangeEvent extends EventBase {
  kind: 'org_change';
  entity: 'user' | 'department';
  change: 'create' | 'update' | 'delete';
  id: string;
}

/** A native platform approval changed state; stored for the approvals module. */
export interface ApprovalChangeEvent extends EventBase {
  kind: 'approval_change';
  approvalId: string;
}

/** Anything the server does not act on yet: stored and acknowledged, never an error. */
export interface UnknownEvent extends EventBase {
  kind: 'unknown';
  type: string;
}

export type ChatEvent =
  | TextEvent
  | CardActionEvent
  | EnterAppEvent
  | MenuClickEvent
  | ExternalContactEvent
  | ExternalTagsEvent
  | OrgChangeEvent
  | ApprovalChangeEvent
  | UnknownEvent;

/** Who receives an outbound message, in platform ids. */
export type Audience =
  | { kind: 'users'; userIds: string[] }
  | { kind: 'department'; departmentId: string }
  | { kind: 'group'; conversationId: string };

export type OutboundMessage =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; title: string; markdown: string }
  | { kind: 'card'; card: Card };

/**
 * A sent card's platform identity, stored with the business object it shows so every
 * copy can be updated later.
 */
export interface CardRef {
  platform: PlatformName;
  cardId: string;
  audience: Audience;
  /** WeCom: unused response codes per user (each allows one update of that user's copy). */
  responseCodes?: Record<string, string>;
  /** Incremented on every update; lets a late update lose to a newer one. */
  version: number;
}

/** One of a platform's documented frequency limits: at most `limit` sends in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * What one send counts against: a member's inbox (WeCom 30 per minute), a group, an API's QPS. The
 * platforms enforce most of these by silently dropping the excess, so every send is admitted
 * against its keys before it goes out.
 */
export interface RateKey {
  key: string;
  windows: readonly RateWindow[];
}

/**
 * What a failed send means: `retry` (an outage, a token, a limit: it will go through later),
 * `refused` (it never will: no such member, a card the platform rejects), or `duplicate` (the card's
 * id is already taken: an earlier attempt reached the platform before it could be recorded).
 */
export type SendVerdict = 'retry' | 'refused' | 'duplicate';

export interface ChatPlatform {
  readonly name: PlatformName;
  judge(error: unknown): SendVerdict;
  /**
   * The rate keys one send of a message of `kind` to `audience` counts against (known before a
   * subject's card is rendered: a message booked for later is rendered only when it goes).
   */
  rateKeys(audience: Audience, kind: OutboundMessage['kind']): RateKey[];
  send(audience: Audience, message: OutboundMessage): Promise<CardRef | undefined>;
  /** Show the card's new state to every recipient of `ref`, not only the clicker. */
  updateCard(ref: CardRef, card: Card): Promise<CardRef>;
}

/** The configured platform of that name, if any. */
export type PlatformResolver = (name: PlatformName) => ChatPlatform | undefined;

/**
 * The platform cannot change the copies of this card any more (WeCom: no unused response code is
 * left). The caller replaces the card with a fresh one instead.
 */
export class CardNotUpdatableError extends Error {
  constructor(cardId: string, options?: { cause?: unknown }) {
    super(`card ${cardId} can no longer be updated in place`, options);
    this.name = 'CardNotUpdatableError';
  }
}
