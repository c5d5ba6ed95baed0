// The platforms' rate windows, kept in the database so that every instance counts the same sends.
// A send is admitted inside a transaction that locks its keys: it either takes a slot now, or books
// the earliest slot that fits and is scheduled for it. Nothing over a limit is sent (the platforms
// drop such messages silently), and nothing is refused either: it waits for its window.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RateKey } from '../../platforms/common.js';
import { earliestForAll, type Lane } from './slots.js';

/** Within this of now, a slot is taken at once rather than booked for later. */
const nowishMs = 20;

export type Admission = { at: 'now' } | { at: Date };

export class RateGate {
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Admits message `messageId` against `keys` in `em`'s transaction: the slot it held before (a
   * booking it is now due for, or an attempt that failed) is given up and a new one taken. Returns
   * `now`, or the time to come back at (the slot is booked then).
   *
   * A new message queues behind every booking. A message whose booking has come due goes before the
   * bookings made after it: it is checked only against the sends up to now. (Checked against those
   * later bookings too, it would be a moment late for its own slot and fit only behind all of them,
   * and so would every message after it: nothing would ever go.) Every send is thus checked against
   * every earlier send, which is what the platform counts; a later booking that no longer fits is
   * placed again when it comes due.
   */
  async admit(
    em: EntityManager,
    messageId: number,
    keys: readonly RateKey[],
    lane: Lane,
  ): Promise<Admission> {
    if (keys.length === 0) return { at: 'now' };
    const names = [...new Set(keys.map((k) => k.key))].sort();
    const now = this.now();
    const horizon = Math.max(...keys.flatMap((k) => k.windows.map((w) => w.windowMs))) + 1000;
    // The key names travel as one JSON array (the driver would spread a plain array into a list).
    const list = JSON.stringify(names);
    const keyset = 'select jsonb_array_elements_text(?::jsonb)';
    const since = new Date(now - horizon);
    // One row per key, locked in name order (no deadlocks between messages to several members): the
    // upsert's update takes the lock on a key that exists.
    await em.execute(
      `insert into rate_key (key) ${keyset} on conflict (key) do update set key = excluded.key`,
      [list],
    );
    // Every send still in a window. This message's own earlier slot is left out (it takes a new one).
    const rows = await em.execute<{ key: string; at: Date; mine: boolean }[]>(
      `select key, at, message_id = ? as mine from rate_slot where key in (${keyset}) and at >= ? order by at`,
      [messageId, list, since],
    );
    const due = rows.some((row) => row.mine && new Date(row.at).getTime() <= now + nowishMs);
    const times = new Map<string, number[]>(names.map((name) => [name, []]));
    for (const row of rows) {
      const at = new Date(row.at).getTime();
      if (!row.mine && (!due || at <= now)) times.get(row.key)!.push(at);
    }
    const at = earliestForAll(
      keys.map((k) => ({ times: times.get(k.key)!, windows: k.windows })),
      now,
      lane,
    );
    const slot = at - now <= nowishMs ? now : at;
    await em.execute(
      `with gone as (delete from rate_slot where message_id = ? or (key in (${keyset}) and at < ?))
       insert into rate_slot (key, at, message_id) select k, ?, ? from (${keyset}) as keys (k)`,
      [messageId, list, since, new Date(slot), messageId, list],
    );
    return slot === now ? { at: 'now' } : { at: new Date(slot) };
  }
}
