import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Card } from '@kelian/cards';
import { type CardInstance, CardInstanceSchema, OutboundMessageSchema } from '@kelian/orm';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CardSubject, Notifier, Recipients } from '../../domain/notify/notifier.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import {
  CardNotUpdatableError,
  type CardRef,
  type ChatPlatform,
  type PlatformName,
  type PlatformResolver,
} from '../../platforms/common.js';
import type { Outbox } from '../delivery/outbox.js';
import { platformAudience } from './audience.js';
import type { RenderCards } from './presenter.js';

/**
 * Updates of a subject's cards, `stately` per subject and a second late: changes in quick succession
 * (a claim, then a note, then a release) become one update, because while one waits asking again
 * adds nothing and the waiting one renders the state of the moment it runs. WeCom allows one update
 * per response code (one from the send, one per click), so each change must not spend one.
 */
export const refreshCardsJob = 'cards.update';
export const subjectKey = (subject: CardSubject) => `${subject.type}:${subject.id}`;
const updateDelayMs = 1000;
const platformNames: PlatformName[] = ['wecom', 'dingtalk'];

/**
 * Card ids must be unique per app forever (WeCom task_id), so they carry a random part; a variant
 * (whose copy it is) sits before it, for the presenter to read back.
 */
const newCardId = (subject: CardSubject, variant?: string) =>
  `${subject.type}-${subject.id}-${variant ? `${variant}-` : ''}${randomBytes(5).toString('hex')}`;

/** The variant a card id was made with (`newCardId`), if any. */
export function cardVariant(cardId: string, subject: CardSubject): string | undefined {
  const rest = cardId.slice(`${subject.type}-${subject.id}-`.length);
  const cut = rest.lastIndexOf('-');
  return cut > 0 ? rest.slice(0, cut) : undefined;
}

/**
 * The domain's Notifier. Posting plans one delivery per platform audience in the caller's
 * transaction (the card goes out if and only if the change commits, each platform on its own; a
 * platform that is not configured has no user ids, so nobody to reach there); refreshing is a job
 * that brings every sent copy up to date.
 */
export class CardNotifier implements Notifier {
  constructor(
    private readonly queue: JobQueue,
    private readonly outbox: Outbox,
  ) {}

  async postCard(
    em: EntityManager,
    subject: CardSubject,
    recipients: Recipients,
    variant?: string,
  ): Promise<void> {
    for (const name of platformNames) {
      const audience = await platformAudience(em, name, recipients);
      if (audience)
        await this.outbox.enqueueCard(em, {
          platform: name,
          audience,
          subject,
          cardId: newCardId(subject, variant),
        });
    }
  }

  async refreshCards(em: EntityManager, subject: CardSubject): Promise<void> {
    await this.queue.send(
      refreshCardsJob,
      { subject },
      { em, singletonKey: subjectKey(subject), startAfter: new Date(Date.now() + updateDelayMs) },
    );
  }
}

/**
 * Keeps every copy of a subject's cards current: renders the current state again and updates each
 * stored card for all its recipients. A card the platform can no longer update is replaced by a new
 * one, sent like any other card.
 */
export class CardRefresher {
  constructor(
    private readonly orm: MikroORM,
    private readonly platforms: PlatformResolver,
    private readonly outbox: Outbox,
    private readonly render: RenderCards,
    private readonly logger: Logger,
  ) {}

  async refresh(subject: CardSubject): Promise<void> {
    const em = this.orm.em.fork();
    // Copies still being sent may show the state before this change, and are not recorded yet: they
    // ask for another refresh once they are. Marked before the copies are read, so that a delivery
    // recorded in between is either read below or sees the mark.
    await em.nativeUpdate(
      OutboundMessageSchema,
      { subjectType: subject.type, subjectId: subject.id, state: 'sending' },
      { refreshWhenSent: true },
    );
    const instances = await em.find(CardInstanceSchema, {
      objectType: subject.type,
      objectId: String(subject.id),
      replacedBy: null,
    });
    // Copies on a platform no longer configured cannot be updated: not rendered either.
    const reachable = instances.flatMap((instance) => {
      const platform = this.platforms(instance.platform as PlatformName);
      return platform ? [{ instance, platform }] : [];
    });
    const cards = await this.render(
      em,
      reachable.map(({ instance }) => ({ subject, cardId: instance.cardId })),
    );
    for (const [i, { instance, platform }] of reachable.entries()) {
      const card = cards[i];
      if (card) await this.#update(em, platform, subject, instance, card);
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

  async #update(
    em: EntityManager,
    platform: ChatPlatform,
    subject: CardSubject,
    instance: CardInstance,
    card: Card,
  ) {
    // Nothing to show that the copy does not show already: a WeCom copy keeps its one update (per
    // response code) for a change. Refreshes overlap (one asked for by a copy recorded while the
    // refresh before it ran, which may have read it too), and a second update of a copy nobody
    // clicked would replace it with a new card for nothing.
    if (isDeepStrictEqual(instance.card, JSON.parse(JSON.stringify(card)))) return;
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
      const cardId = newCardId(subject, cardVariant(instance.cardId, subject));
      await em.transactional(async (tx) => {
        await this.outbox.enqueueCard(tx, {
          platform: platform.name,
          audience: ref.audience,
          subject,
          cardId,
          footer: '此卡片已更新，之前的卡片不再有效',
        });
        await tx.nativeUpdate(CardInstanceSchema, { id: instance.id }, { replacedBy: cardId });
      });
    }
  }
}
