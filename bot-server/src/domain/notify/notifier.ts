import type { EntityManager } from '@mikro-orm/postgresql';

/** Who should see a card, in CRM terms; the bot layer maps it onto each platform's chats. */
export type Recipients =
  | { kind: 'team'; departmentId: number }
  | { kind: 'users'; userIds: number[] }
  /** The deal's own group (关联商机), where there is one. */
  | { kind: 'deal'; opportunityId: number };

/** A business object a card shows, e.g. `{ type: 'lead', id: 12 }`. */
export interface CardSubject {
  type: string;
  id: number;
}

/**
 * How the domain asks for cards without knowing the platforms. Both calls enqueue work in the
 * caller's transaction: the card goes out (or is updated) if and only if the change commits.
 */
export interface Notifier {
  /**
   * Shows `subject` as a new card to `recipients`. `variant` names whose copy it is when copies of
   * one subject differ (an approver's, a CC's): it is part of the card id the presenter is given.
   */
  postCard(em: EntityManager, subject: CardSubject, recipients: Recipients, variant?: string): Promise<void>;
  /** Updates every copy of every card showing `subject` to its current state. */
  refreshCards(em: EntityManager, subject: CardSubject): Promise<void>;
}
