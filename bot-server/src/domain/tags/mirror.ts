import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How the domain asks the platforms to show a customer's tags as Kelian now has them (WeCom:
 * mark_tag on the owner's follow). Enqueued in the caller's transaction like the Notifier's cards:
 * it happens if and only if the change commits, with the job's retries.
 */
export interface TagMirror {
  customerTagsChanged(em: EntityManager, customerId: number): Promise<void>;
}
