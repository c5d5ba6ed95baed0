import type { EntityManager } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';
import type { Audience, ChatEvent, OutboundMessage, PlatformName } from '../../platforms/common.js';
import type { Lane } from './slots.js';

/** One sender per lane, so a backlog of notifications never holds back a person's answer. */
export const lanes: readonly Lane[] = ['direct', 'bulk'];

export interface Delivery {
  platform: PlatformName;
  audience: Audience;
  message: OutboundMessage;
  lane: Lane;
}

export interface SubjectCardDelivery {
  platform: PlatformName;
  audience: Audience;
  subject: CardSubject;
  /** Fixed now, so every attempt carries the same WeCom task_id / DingTalk outTrackId. */
  cardId: string;
  footer?: string;
}

/** Where an answer to `event` goes: the group it was said in, or the sender's direct chat. */
export function replyAudience(event: ChatEvent & { from: string }): Audience {
  if ('conversation' in event && event.conversation?.type === 'group') {
    return { kind: 'group', conversationId: event.conversation.id };
  }
  return { kind: 'users', userIds: [event.from] };
}

/**
 * Outbound messages are rows written in the transaction of the change that causes them: a message
 * goes out if and only if the change committed, and each is delivered on its own (see
 * MessageSender), so one platform's outage or one member's full window holds back nothing else.
 */
export class Outbox {
  /** `written` is told of every message written, so this process's senders need not wait to look. */
  constructor(private readonly written: (lane: Lane) => void = () => {}) {}
  async enqueue(em: EntityManager, delivery: Delivery): Promise<void> {
    const { message } = delivery;
    await this.#insert(em, delivery.lane, {
      platform: delivery.platform,
      audience: delivery.audience,
      message,
      cardId: message.kind === 'card' ? message.card.id : null,
    });
  }

  /** A card showing `subject`, rendered when it is sent so that it shows the state of that moment. */
  async enqueueCard(em: EntityManager, delivery: SubjectCardDelivery): Promise<void> {
    await this.#insert(em, 'bulk', {
      platform: delivery.platform,
      audience: delivery.audience,
      subject: delivery.subject,
      cardId: delivery.cardId,
      footer: delivery.footer ?? null,
    });
  }

  reply(em: EntityManager, event: ChatEvent & { from: string }, message: OutboundMessage): Promise<void> {
    return this.enqueue(em, {
      platform: event.platform,
      audience: replyAudience(event),
      message,
      lane: 'direct',
    });
  }

  async #insert(
    em: EntityManager,
    lane: Lane,
    row: {
      platform: PlatformName;
      audience: Audience;
      message?: OutboundMessage;
      subject?: CardSubject;
      cardId: string | null;
      footer?: string | null;
    },
  ): Promise<void> {
    await em.execute(
      `insert into outbound_message (platform, lane, audience, message, subject_type, subject_id, card_id, footer, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, now())`,
      [
        row.platform,
        lane,
        JSON.stringify(row.audience),
        row.message ? JSON.stringify(row.message) : null,
        row.subject?.type ?? null,
        row.subject?.id ?? null,
        row.cardId,
        row.footer ?? null,
      ],
    );
    // Before the commit: on the embedded database the sender's claim then simply waits for it; on
    // PostgreSQL the commit's notification wakes the senders again.
    this.written(lane);
  }
}
