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

/**
 * The handovers of a batch, told once per person when the batch is done: the new owner of all it
 * got, each former owner of theirs. `named` words a list of records (客户 北京星河科技等 12 位).
 */
export function batchHandover(by: User, to: User | null, named: (names: string[]) => string) {
  const received: string[] = [];
  const lost = new Map<number, { from: User; names: string[] }>();
  return {
    /** One record moving from `from` (null: the pool) to the batch's owner; the same owner: nothing. */
    add(from: User | null, name: string) {
      if (from?.id === to?.id) return;
      received.push(name);
      if (!from) return;
      const entry = lost.get(from.id) ?? { from, names: [] };
      entry.names.push(name);
      lost.set(from.id, entry);
    },
    async tell(em: EntityManager, messenger: Messenger) {
      if (to && received.length > 0) await tellNewOwner(em, messenger, { by, what: named(received), to });
      for (const { from, names } of lost.values())
        await tellFormerOwner(em, messenger, { by, what: named(names), from, to });
    },
  };
}

/** 客户 北京星河科技, or 客户 北京星河科技等 12 位 for a batch: `noun` and the counting word. */
export const recordsNamed = (noun: string, unit: string) => (names: string[]) =>
  names.length === 1 ? `${noun} ${names[0]}` : `${noun} ${names[0]}等 ${names.length} ${unit}`;
