import type { Card } from '@kelian/cards';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';

/** Builds the card showing a subject's current state, under a given card id; undefined when it is gone. */
export type CardPresenter = (em: EntityManager, id: number, cardId: string) => Promise<Card | undefined>;

/**
 * The cards of one subject type, in two steps: `load` reads the subjects of many cards at once
 * (those it does not answer are gone), `present` builds one card from what was read. A burst of
 * cards (every rep's reminders in the morning) then costs one query per batch instead of one per card.
 * Declared as methods so that a kind of a particular subject type is a `CardKind`.
 */
export interface CardKind<S = unknown> {
  load(em: EntityManager, ids: number[]): Promise<Map<number, S>>;
  present(em: EntityManager, subject: S, cardId: string): Promise<Card | undefined>;
}

/**
 * A kind whose cards are few: each reads its own subject, in an entity manager of its own, as if
 * rendered alone (what one card's presenter reads must not be what another's left behind).
 */
export const oneByOne = (present: CardPresenter): CardKind<number> => ({
  load: async (_em, ids) => new Map(ids.map((id) => [id, id])),
  present: (em, id, cardId) => present(em.fork(), id, cardId),
});

/** A card to render: its subject, and the id it is (or will be) known by on the platform. */
export interface CardToRender {
  subject: CardSubject;
  cardId: string;
}

/**
 * Renders cards of any subject with the kinds the modules registered, in the order asked; the
 * subjects of one type are loaded together. Cards render one after another: they share `em`.
 */
export type RenderCards = (
  em: EntityManager,
  cards: readonly CardToRender[],
) => Promise<(Card | undefined)[]>;

export function cardRendering(kinds: Readonly<Record<string, CardKind>>): RenderCards {
  const kindOf = (type: string) => {
    const kind = kinds[type];
    if (!kind) throw new Error(`No card presenter for ${type}`);
    return kind;
  };
  return async (em, cards) => {
    const idsByType = new Map<string, Set<number>>();
    for (const { subject } of cards)
      idsByType.set(subject.type, (idsByType.get(subject.type) ?? new Set()).add(subject.id));
    const loaded = new Map<string, Map<number, unknown>>();
    for (const [type, ids] of idsByType) loaded.set(type, await kindOf(type).load(em, [...ids]));
    const rendered: (Card | undefined)[] = [];
    for (const { subject, cardId } of cards) {
      const found = loaded.get(subject.type)!;
      rendered.push(
        found.has(subject.id)
          ? await kindOf(subject.type).present(em, found.get(subject.id), cardId)
          : undefined,
      );
    }
    return rendered;
  };
}
