import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A plain message to people in their direct chat with the bot (the morning summary, "your customer
 * went back to the pool"), enqueued in the caller's transaction like the Notifier's cards.
 */
export interface Messenger {
  tell(em: EntityManager, userIds: number[], text: string): Promise<void>;
}
