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

/** One outbound message as written. */
interface OutboundRow {
  lane: Lane;
  platform: PlatformName;
  audience: Audience;
  message?: OutboundMessage;
  subject?: CardSubject;
  cardId: string | null;
  footer?: string | null;
}

/**
 * Outbound messages are rows written in the transaction of the change that causes them: a message
 * goes out if and only if the change committed, and each is delivered on its own (see
 * MessageSender), so one platform's outage or one member's full window holds back nothing else.
 */
export class Outbox {
  /** Messages written inside `gathered`, by transaction: written together when its work is done. */
  readonly #gathering = new WeakMap<object, OutboundRow[]>();
  /** `written` is told of every message written, so this process's senders need not wait to look. */
  constructor(private readonly written: (lane: Lane) => void = () => {}) {}
  async enqueue(em: EntityManager, delivery: Delivery): Promise<void> {
    const { message } = delivery;
    await this.#insert(em, {
      lane: delivery.lane,
      platform: delivery.platform,
      audience: delivery.audience,
      message,
      cardId: message.kind === 'card' ? message.card.id : null,
    });
  }

  /** A card showing `subject`, rendered when it is sent so that it shows the state of that moment. */
  async enqueueCard(em: EntityManager, delivery: SubjectCardDelivery): Promise<void> {
    await this.#insert(em, {
      lane: 'bulk',
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

  async #insert(em: EntityManager, row: OutboundRow): Promise<void> {
    const transaction = em.getTransactionContext();
    const gathering = transaction && this.#gathering.get(transaction);
    if (gathering) gathering.push(row);
    else await this.#insertRows(em, [row]);
  }

  /**
   * Runs `work` in `em`'s transaction with the messages it writes gathered, and writes them in one
   * statement when it is done (still in the transaction): a batch of chat events, each with its
   * answer, costs one insert instead of one per event. Nothing in the transaction reads the
   * outbound table back before it commits.
   */
  async gathered<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    const transaction = em.getTransactionContext();
    if (!transaction) return work();
    const rows: OutboundRow[] = [];
    this.#gathering.set(transaction, rows);
    try {
      const result = await work();
      await this.#insertRows(em, rows);
      return result;
    } finally {
      this.#gathering.delete(transaction);
    }
  }

  async #insertRows(em: EntityManager, rows: OutboundRow[]): Promise<void> {
    if (rows.length === 0) return;
    await em.execute(
      `insert into outbound_message (platform, lane, audience, message, subject_type, subject_id, card_id, footer, created_at)
       values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, now())').join(', ')}`,
      rows.flatMap((row) => [
        row.platform,
        row.lane,
        JSON.stringify(row.audience),
        row.message ? JSON.stringify(row.message) : null,
        row.subject?.type ?? null,
        row.subject?.id ?? null,
        row.cardId,
        row.footer ?? null,
      ]),
    );
    // Before the commit: on the embedded database the sender's claim then simply waits for it; on
    // PostgreSQL the commit's notification wakes the senders again.
    for (const lane of new Set(rows.map((row) => row.lane))) this.written(lane);
  }
}
