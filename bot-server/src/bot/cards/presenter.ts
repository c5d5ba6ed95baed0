import type { Card } from '@kelian/cards';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';

/** Builds the card showing a subject's current state, under a given card id; undefined when it is gone. */
export type CardPresenter = (em: EntityManager, id: number, cardId: string) => Promise<Card | undefined>;

/** Renders any subject's card: the presenter its module registered for the subject's type. */
export type PresentCard = (
  em: EntityManager,
  subject: CardSubject,
  cardId: string,
) => Promise<Card | undefined>;

export function cardPresenting(presenters: Readonly<Record<string, CardPresenter>>): PresentCard {
  return (em, subject, cardId) => {
    const present = presenters[subject.type];
    if (!present) throw new Error(`No card presenter for ${subject.type}`);
    return present(em, subject.id, cardId);
  };
}
