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

/** One message to admit: its id, the rate keys its send counts against, its lane. */
export interface AdmissionRequest {
  messageId: number;
  keys: readonly RateKey[];
  lane: Lane;
}

/** A send counted against a key: when, and by which message. */
interface Slot {
  at: number;
  messageId: number;
}

export class RateGate {
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Admits `requests` in order, in `em`'s transaction, as if one after another: each sees the slots
   * the ones before it took. The slot a message held before (a booking it is now due for, or an
   * attempt that failed) is given up and a new one taken. Answers, per request, `now` or the time to
   * come back at (the slot is booked then). Three statements for the whole batch, however many
   * messages and keys.
   *
   * A new message queues behind every booking. A message whose booking has come due goes before the
   * bookings made after it: it is checked only against the sends up to now. (Checked against those
   * later bookings too, it would be a moment late for its own slot and fit only behind all of them,
   * and so would every message after it: nothing would ever go.) Every send is thus checked against
   * every earlier send, which is what the platform counts; a later booking that no longer fits is
   * placed again when it comes due.
   */
  async admitAll(em: EntityManager, requests: readonly AdmissionRequest[]): Promise<Admission[]> {
    const gated = requests.filter((r) => r.keys.length > 0);
    if (gated.length === 0) return requests.map(() => ({ at: 'now' }));
    const names = [...new Set(gated.flatMap((r) => r.keys.map((k) => k.key)))].sort();
    const now = this.now();
    const horizon =
      Math.max(...gated.flatMap((r) => r.keys.flatMap((k) => k.windows.map((w) => w.windowMs)))) + 1000;
    // The key names travel as one JSON array (the driver would spread a plain array into a list).
    const list = JSON.stringify(names);
    const keyset = 'select jsonb_array_elements_text(?::jsonb)';
    const since = new Date(now - horizon);
    // One row per key, locked in name order (no deadlocks between batches to several members): the
    // upsert's update takes the lock on a key that exists.
    await em.execute(
      `insert into rate_key (key) ${keyset} on conflict (key) do update set key = excluded.key`,
      [list],
    );
    // Every send still in a window, the batch's own earlier slots included (each request sets its
    // own aside below).
    const rows = await em.execute<{ key: string; at: Date; message_id: number | string }[]>(
      `select key, at, message_id from rate_slot where key in (${keyset}) and at >= ? order by at`,
      [list, since],
    );
    const slots = new Map<string, Slot[]>(names.map((name) => [name, []]));
    for (const row of rows) {
      slots.get(row.key)!.push({ at: new Date(row.at).getTime(), messageId: Number(row.message_id) });
    }
    const taken: { key: string; at: Date; messageId: number }[] = [];
    const admissions = requests.map((request): Admission => {
      if (request.keys.length === 0) return { at: 'now' };
      const at = this.#place(slots, request, now);
      for (const key of new Set(request.keys.map((k) => k.key))) {
        const list = slots.get(key)!.filter((slot) => slot.messageId !== request.messageId);
        const later = list.findIndex((slot) => slot.at > at);
        list.splice(later === -1 ? list.length : later, 0, { at, messageId: request.messageId });
        slots.set(key, list);
        taken.push({ key, at: new Date(at), messageId: request.messageId });
      }
      return at === now ? { at: 'now' } : { at: new Date(at) };
    });
    await em.execute(
      `with gone as (delete from rate_slot
                      where message_id in (select (jsonb_array_elements_text(?::jsonb))::bigint)
                         or (key in (${keyset}) and at < ?))
       insert into rate_slot (key, at, message_id)
       select key, at, message_id from jsonb_to_recordset(?::jsonb) as t (key text, at timestamptz, message_id bigint)`,
      [
        JSON.stringify(gated.map((r) => r.messageId)),
        list,
        since,
        JSON.stringify(taken.map((t) => ({ key: t.key, at: t.at, message_id: t.messageId }))),
      ],
    );
    return admissions;
  }

  /**
   * Moves the slots of sends the platform has answered to the moment of the answer. A slot is taken
   * before the card is rendered and the request made; the platform counts the request when it
   * arrives, somewhere in between. On a busy server that gap can be seconds, more than the windows'
   * margin: counted from the earlier moment, the next window's first sends would reach the platform
   * inside this one's minute, and WeCom drops the excess silently. The later bound is the safe one
   * for every send that comes after (a booking made before the move is checked again when due).
   */
  async answered(em: EntityManager, sends: readonly { messageId: number; at: number }[]): Promise<void> {
    if (sends.length === 0) return;
    await em.execute(
      `update rate_slot s set at = v.at
         from jsonb_to_recordset(?::jsonb) as v (message_id bigint, at timestamptz)
        where s.message_id = v.message_id and s.at < v.at`,
      [JSON.stringify(sends.map((send) => ({ message_id: send.messageId, at: new Date(send.at) })))],
    );
  }

  /** The slot for `request` given the sends in `slots` (its own earlier slot set aside). */
  #place(slots: Map<string, Slot[]>, request: AdmissionRequest, now: number): number {
    const own = request.keys.flatMap((k) =>
      slots.get(k.key)!.filter((s) => s.messageId === request.messageId),
    );
    // A person's answer is checked, like a booking come due, only against the sends up to now: the
    // bookings after it were placed against slots that may since have moved to their answers
    // (`answered`), and checked against those it could wait a minute behind a burst's cards. A later
    // booking it crowds out is placed again when it comes due.
    const due = request.lane === 'direct' || own.some((slot) => slot.at <= now + nowishMs);
    const at = earliestForAll(
      request.keys.map((k) => ({
        times: slots
          .get(k.key)!
          .filter((s) => s.messageId !== request.messageId && (!due || s.at <= now))
          .map((s) => s.at),
        windows: k.windows,
      })),
      now,
      request.lane,
    );
    return at - now <= nowishMs ? now : at;
  }
}
