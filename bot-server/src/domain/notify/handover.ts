import type { User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Messenger } from './messenger.js';

/** A record changing hands: `what` names it as people say it (客户 北京星河科技); null is the pool. */
export interface Handover {
  by: User;
  what: string;
  from: User | null;
  to: User | null;
}

/**
 * Tells the new owner and the former one, in the caller's transaction, that a record changed hands:
 * it lands in or leaves their list without them doing anything. Whoever made the change knows.
 */
export async function tellHandover(em: EntityManager, messenger: Messenger, h: Handover): Promise<void> {
  if (h.from?.id === h.to?.id) return;
  await tellNewOwner(em, messenger, h);
  await tellFormerOwner(em, messenger, h);
}

/** The new owner's half of a handover (a batch tells each new owner once, of all it got). */
export async function tellNewOwner(em: EntityManager, messenger: Messenger, h: Omit<Handover, 'from'>) {
  if (h.to && h.to.id !== h.by.id) await messenger.tell(em, [h.to.id], `${h.by.name} 把${h.what} 交给了你`);
}

/** The former owner's half of a handover. */
export async function tellFormerOwner(em: EntityManager, messenger: Messenger, h: Handover) {
  if (h.from && h.from.id !== h.by.id)
    await messenger.tell(
      em,
      [h.from.id],
      h.to ? `${h.by.name} 把${h.what} 交给了 ${h.to.name}` : `${h.by.name} 把${h.what} 退回了公海`,
    );
}
