import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How the domain asks the platforms to show a customer's tags as Kelian now has them (WeCom:
 * mark_tag on the owner's follow). Enqueued in the caller's transaction like the Notifier's cards:
 * it happens if and only if the change commits, with the job's retries.
 */
export interface TagMirror {
  customerTagsChanged(em: EntityManager, customerId: number): Promise<void>;
  /** Tag definitions changed in Kelian: the platform gets the same change. */
  definitionsChanged(em: EntityManager, change: TagDefinitionChange): Promise<void>;
}

/**
 * `push`: create on the platform the group (if new there) and its tags that have no platform id yet;
 * `rename`, `order` and `delete` name the platform's ids, kept in the job because the Kelian row may be gone.
 */
export type TagDefinitionChange =
  | { kind: 'push'; groupId: number }
  | { kind: 'rename'; platformId: string; name: string }
  | { kind: 'order'; orders: { platformId: string; order: number }[] }
  | { kind: 'delete'; tagIds: string[]; groupIds: string[] };
