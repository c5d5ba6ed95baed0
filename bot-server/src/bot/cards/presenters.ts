import type { Card } from '@kelian/cards';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';
import { taskCard } from '../followups/task-card.js';
import { leadCard } from '../leads/lead-card.js';
import { stalledDealCard } from '../sales/stalled-card.js';

/** Builds the card showing a subject's current state, under a given card id. */
export type CardPresenter = (em: EntityManager, id: number, cardId: string) => Promise<Card | undefined>;

const presenters: Record<string, CardPresenter> = {
  lead: leadCard,
  task: taskCard,
  stalled_deal: stalledDealCard,
};

export function presentCard(
  em: EntityManager,
  subject: CardSubject,
  cardId: string,
): Promise<Card | undefined> {
  const present = presenters[subject.type];
  if (!present) throw new Error(`No card presenter for ${subject.type}`);
  return present(em, subject.id, cardId);
}
