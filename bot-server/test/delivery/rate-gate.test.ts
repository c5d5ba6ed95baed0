// The rate gate admits a batch of sends against the platforms' windows, in the database, as if one
// after another. What a sender observes: which sends go now and which are booked for when; what the
// database keeps: one slot per send and key, which is what every instance counts against.
import { ormConfig } from '@kelian/orm';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { type Admission, type AdmissionRequest, RateGate } from '../../src/bot/delivery/rate-gate.js';
import type { Lane } from '../../src/bot/delivery/slots.js';
import type { RateKey, RateWindow } from '../../src/platforms/common.js';
import { MEMBER_WINDOWS } from '../../src/platforms/wecom/rate-limiter.js';

let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init(ormConfig(testDbUrl()));
});
afterAll(async () => {
  await orm.close(true);
});
beforeEach(() => resetDatabase(testDbUrl()));

/** A fixed clock: every admission below happens at this moment. */
const now = Date.parse('2026-12-06T12:00:00.000Z');
const minute = 60_000;
const perMinute30: readonly RateWindow[] = [{ limit: 30, windowMs: minute }];

const key = (name: string, windows: readonly RateWindow[] = perMinute30): RateKey => ({ key: name, windows });
const request = (messageId: number, keys: RateKey[], lane: Lane = 'direct'): AdmissionRequest => ({
  messageId,
  keys,
  lane,
});

/** Admits `requests` in a transaction of their own, as a sender does. */
function admit(gate: RateGate, requests: AdmissionRequest[]): Promise<Admission[]> {
  return orm.em.fork().transactional((em: EntityManager) => gate.admitAll(em, requests));
}

/** The slots the database holds, as (key, ms after `now`, message), in a stable order. */
async function slotRows(): Promise<{ key: string; afterNow: number; messageId: number }[]> {
  const rows = await orm.em
    .fork()
    .execute<{ key: string; at: Date; message_id: string | number }[]>(
      'select key, at, message_id from rate_slot order by key, at, message_id',
    );
  return rows.map((r) => ({
    key: r.key,
    afterNow: new Date(r.at).getTime() - now,
    messageId: Number(r.message_id),
  }));
}

/** An admission as ms after `now` (0 for "now"). */
const afterNow = (a: Admission) => (a.at === 'now' ? 0 : a.at.getTime() - now);

describe('one member, 30 a minute', () => {
  test('40 answers at once: 30 go now, 10 are booked for when the minute has passed', async () => {
    const gate = new RateGate(() => now);
    const requests = Array.from({ length: 40 }, (_, i) => request(i + 1, [key('wecom:member:zhou')]));
    const admissions = await admit(gate, requests);
    expect(admissions.slice(0, 30).every((a) => a.at === 'now')).toBe(true);
    for (const booked of admissions.slice(30)) {
      expect(booked.at).toBeInstanceOf(Date);
      // A minute after the first sends, plus the margin for the platform's clock (at most 1 s).
      expect(afterNow(booked)).toBeGreaterThanOrEqual(minute);
      expect(afterNow(booked)).toBeLessThanOrEqual(minute + 1000);
    }
    // The database holds exactly those 40 slots, one per message, at the admitted times.
    const rows = await slotRows();
    expect(rows).toHaveLength(40);
    expect(rows.map((r) => r.key)).toEqual(Array(40).fill('wecom:member:zhou'));
    const byMessage = new Map(rows.map((r) => [r.messageId, r.afterNow]));
    expect(byMessage.size).toBe(40);
    for (const [i, a] of admissions.entries()) expect(byMessage.get(i + 1)).toBe(afterNow(a));
  });

  test('sends the platform answered late count from their answers: the next minute starts after them', async () => {
    const gate = new RateGate(() => now);
    const first = await admit(
      gate,
      Array.from({ length: 30 }, (_, i) => request(i + 1, [key('wecom:member:zhou')])),
    );
    expect(first.every((a) => a.at === 'now')).toBe(true);
    // A busy server: the minute's sends reached WeCom 4 s after their slots were taken.
    const answered = (at: number) =>
      orm.em.fork().transactional((em: EntityManager) =>
        gate.answered(
          em,
          Array.from({ length: 30 }, (_, i) => ({ messageId: i + 1, at })),
        ),
      );
    await answered(now + 4000);
    // An answer stamped earlier than a slot (another clock) never moves it back.
    await answered(now - 1000);
    expect(new Set((await slotRows()).map((r) => r.afterNow))).toEqual(new Set([4000]));
    // Counted from the slots, the 31st could go a minute (and the margin) after 0 s, when WeCom, which
    // counted all 30 at 4 s, would drop it. It waits for a minute after the 4 s.
    // Asked 5 s on, after the answers came back.
    const [next] = await admit(new RateGate(() => now + 5000), [request(31, [key('wecom:member:zhou')])]);
    expect(afterNow(next!)).toBeGreaterThanOrEqual(minute + 4000);
    expect(afterNow(next!)).toBeLessThanOrEqual(minute + 5000);
  });

  test('a later batch counts the slots the first one took', async () => {
    const gate = new RateGate(() => now);
    const first = await admit(
      gate,
      Array.from({ length: 20 }, (_, i) => request(i + 1, [key('wecom:member:zhou')])),
    );
    expect(first.every((a) => a.at === 'now')).toBe(true);
    const second = await admit(
      gate,
      Array.from({ length: 15 }, (_, i) => request(100 + i, [key('wecom:member:zhou')])),
    );
    expect(second.filter((a) => a.at === 'now')).toHaveLength(10);
    expect(second.slice(10).every((a) => afterNow(a) >= minute)).toBe(true);
    expect(await slotRows()).toHaveLength(35);
  });

  test('notifications leave a sixth of the minute free: 25 of 30 now, and a person is still answered at once', async () => {
    const gate = new RateGate(() => now);
    const notifications = Array.from({ length: 30 }, (_, i) =>
      request(i + 1, [key('wecom:member:zhou')], 'bulk'),
    );
    const answer = request(99, [key('wecom:member:zhou')], 'direct');
    const admissions = await admit(gate, [...notifications, answer]);
    const bulk = admissions.slice(0, 30);
    expect(bulk.filter((a) => a.at === 'now')).toHaveLength(25);
    expect(bulk.slice(0, 25).every((a) => a.at === 'now')).toBe(true);
    for (const booked of bulk.slice(25)) {
      expect(afterNow(booked)).toBeGreaterThanOrEqual(minute);
      expect(afterNow(booked)).toBeLessThanOrEqual(minute + 1000);
    }
    // The answer comes after all 30 notifications in the batch and still goes now.
    expect(admissions[30]).toEqual({ at: 'now' });
    expect((await slotRows()).filter((r) => r.afterNow === 0)).toHaveLength(26);
  });
});

test('a batch admits exactly as the same requests one after another would', async () => {
  // Several members and a group, two windows on some keys, both lanes, several keys per send.
  const member = (n: number) => key(`wecom:member:${n}`, MEMBER_WINDOWS);
  const group = key('dingtalk:group:north', [
    { limit: 20, windowMs: minute },
    { limit: 5, windowMs: 1000 },
  ]);
  const requests = Array.from({ length: 70 }, (_, i) => {
    const keys = [member(i % 3)];
    if (i % 4 === 0) keys.push(member(3));
    if (i % 5 === 0) keys.push(group);
    return request(i + 1, keys, i % 2 ? 'bulk' : 'direct');
  });
  const gate = new RateGate(() => now);

  const oneByOne: Admission[] = [];
  for (const r of requests) oneByOne.push(...(await admit(gate, [r])));
  const rowsOneByOne = await slotRows();

  await resetDatabase(testDbUrl());
  const together = await admit(gate, requests);
  const rowsTogether = await slotRows();

  expect(together.map(afterNow)).toEqual(oneByOne.map(afterNow));
  expect(rowsTogether).toEqual(rowsOneByOne);
  // The comparison is not between two trivial answers: some went now and some were booked.
  expect(together.filter((a) => a.at === 'now').length).toBeGreaterThan(0);
  expect(together.filter((a) => a.at !== 'now').length).toBeGreaterThan(0);
  expect(rowsTogether).toHaveLength(requests.reduce((n, r) => n + r.keys.length, 0));
});

describe('a message admitted again gives up the slot it held', () => {
  test('an attempt that failed takes a new slot now, without doubling its old one', async () => {
    const gate = new RateGate(() => now);
    const zhou = key('wecom:member:zhou');
    const team = key('wecom:member:wang');
    const first = await admit(
      gate,
      Array.from({ length: 30 }, (_, i) => request(i + 1, i === 4 ? [zhou, team] : [zhou])),
    );
    expect(first.every((a) => a.at === 'now')).toBe(true);
    // Message 5's send failed; it is admitted again (the minute is full with its own slot in it).
    const again = await admit(gate, [request(5, [zhou, team])]);
    expect(again).toEqual([{ at: 'now' }]);
    const rows = await slotRows();
    expect(rows.filter((r) => r.messageId === 5).map((r) => r.key)).toEqual([
      'wecom:member:wang',
      'wecom:member:zhou',
    ]);
    expect(rows.filter((r) => r.key === 'wecom:member:zhou')).toHaveLength(30);
    expect(new Set(rows.map((r) => `${r.key}/${r.messageId}`)).size).toBe(rows.length);
  });

  test('a booked message admitted again keeps one booking, and takes it when it comes due', async () => {
    const zhou = key('wecom:member:zhou');
    const gate = new RateGate(() => now);
    const admissions = await admit(
      gate,
      Array.from({ length: 31 }, (_, i) => request(i + 1, [zhou])),
    );
    const booking = admissions[30]!;
    expect(afterNow(booking)).toBeGreaterThanOrEqual(minute);
    // Admitted again before it is due (a second worker, a retry): the same booking, still one row.
    expect((await admit(gate, [request(31, [zhou])])).map(afterNow)).toEqual([afterNow(booking)]);
    expect((await slotRows()).filter((r) => r.messageId === 31)).toHaveLength(1);
    // When the booking comes due the message goes now, and still holds one slot.
    const due = now + afterNow(booking);
    const later = new RateGate(() => due);
    expect(await admit(later, [request(31, [zhou])])).toEqual([{ at: 'now' }]);
    const mine = (await slotRows()).filter((r) => r.messageId === 31);
    expect(mine).toEqual([{ key: 'wecom:member:zhou', afterNow: afterNow(booking), messageId: 31 }]);
  });
});

test('sends with no rate keys go now and write nothing', async () => {
  const gate = new RateGate(() => now);
  expect(await admit(gate, [request(1, []), request(2, [], 'bulk')])).toEqual([{ at: 'now' }, { at: 'now' }]);
  expect(await slotRows()).toEqual([]);
  const keys = await orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from rate_key');
  expect(keys[0]!.n).toBe(0);
  // Mixed into a gated batch they still go now and leave no slot of their own.
  const mixed = await admit(gate, [request(3, [key('wecom:member:zhou')]), request(4, []), request(5, [])]);
  expect(mixed).toEqual([{ at: 'now' }, { at: 'now' }, { at: 'now' }]);
  expect((await slotRows()).map((r) => r.messageId)).toEqual([3]);
});
