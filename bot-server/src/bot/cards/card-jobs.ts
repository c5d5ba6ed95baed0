import { randomBytes } from 'node:crypto';
import type { Card } from '@kelian/cards';
import { type CardInstance, CardInstanceSchema } from '@kelian/orm';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CardSubject, Notifier, Recipients } from '../../domain/notify/notifier.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import {
  CardNotUpdatableError,
  type CardRef,
  type ChatPlatform,
  type PlatformName,
} from '../../platforms/common.js';
import type { PlatformResolver } from '../delivery.js';
import { platformAudience } from './audience.js';
import { presentCard } from './presenters.js';

export const postCardJob = 'cards.post';
export const refreshCardsJob = 'cards.refresh';
const platformNames: PlatformName[] = ['wecom', 'dingtalk'];

/** Card ids must be unique per app forever (WeCom task_id), so they carry a random part. */
const newCardId = (subject: CardSubject) => `${subject.type}-${subject.id}-${randomBytes(5).toString('hex')}`;

/** The domain's Notifier, as jobs enqueued in the caller's transaction. */
export class CardNotifier implements Notifier {
  constructor(private readonly queue: JobQueue) {}

  async postCard(em: EntityManager, subject: CardSubject, recipients: Recipients): Promise<void> {
    await this.queue.send(postCardJob, { subject, recipients }, { em });
  }

  async refreshCards(em: EntityManager, subject: CardSubject): Promise<void> {
    await this.queue.send(refreshCardsJob, { subject }, { em });
  }
}

/**
 * Sends cards and keeps every copy current. Posting renders the subject for each configured
 * platform and stores the platform's handle; refreshing renders the current state again and
 * updates each stored card for all its recipients.
 */
export class CardDelivery {
  constructor(
    private readonly orm: MikroORM,
    private readonly platforms: PlatformResolver,
    private readonly logger: Logger,
  ) {}

  async post(subject: CardSubject, recipients: Recipients): Promise<void> {
    for (const name of platformNames) {
      const platform = this.platforms(name);
      if (!platform) continue;
      const em = this.orm.em.fork();
      const audience = await platformAudience(em, name, recipients);
      const card = audience && (await presentCard(em, subject, newCardId(subject)));
      if (!audience || !card) continue;
      await this.#send(em, platform, subject, card, audience);
    }
  }

  async refresh(subject: CardSubject): Promise<void> {
    const em = this.orm.em.fork();
    const instances = await em.find(CardInstanceSchema, {
      objectType: subject.type,
      objectId: String(subject.id),
      replacedBy: null,
    });
    for (const instance of instances) {
      const platform = this.platforms(instance.platform as PlatformName);
      const card = platform && (await presentCard(em, subject, instance.cardId));
      if (!platform || !card) continue;
      await this.#update(em, platform, subject, instance, card);
    }
  }

  /** A clicker's WeCom response code allows one more update of the card: keep it with the card. */
  async rememberResponseCode(em: EntityManager, cardId: string, user: string, code: string): Promise<void> {
    const instance = await em.findOne(CardInstanceSchema, { cardId });
    if (!instance) return;
    const ref = instance.ref as unknown as CardRef;
    instance.ref = { ...ref, responseCodes: { ...ref.responseCodes, [user]: code } } as unknown as Record<
      string,
      unknown
    >;
    await em.flush();
  }

  /** Sends a card; a card the platform can update later is stored with its subject. */
  async #send(
    em: EntityManager,
    platform: ChatPlatform,
    subject: CardSubject,
    card: Card,
    audience: CardRef['audience'],
  ) {
    const ref = await platform.send(audience, { kind: 'card', card });
    if (!ref) return null;
    em.create(CardInstanceSchema, {
      cardId: ref.cardId,
      platform: platform.name,
      kind: card.kind,
      objectType: subject.type,
      objectId: String(subject.id),
      ref: ref as unknown as Record<string, unknown>,
      card: card as unknown as Record<string, unknown>,
    });
    await em.flush();
    return ref.cardId;
  }

  async #update(
    em: EntityManager,
    platform: ChatPlatform,
    subject: CardSubject,
    instance: CardInstance,
    card: Card,
  ) {
    const ref = instance.ref as unknown as CardRef;
    try {
      const next = await platform.updateCard(ref, card);
      instance.ref = next as unknown as Record<string, unknown>;
      instance.version = next.version;
      instance.card = card as unknown as Record<string, unknown>;
      await em.flush();
    } catch (error) {
      if (!(error instanceof CardNotUpdatableError)) throw error;
      // A fresh card replaces them and says so, so nobody acts on the stale one.
      this.logger.warn({ cardId: instance.cardId }, 'card cannot be updated in place; sending a replacement');
      const replacement = { ...card, id: newCardId(subject), footer: '此卡片已更新，之前的卡片不再有效' };
      instance.replacedBy = await this.#send(em, platform, subject, replacement, ref.audience);
      await em.flush();
    }
  }
}
