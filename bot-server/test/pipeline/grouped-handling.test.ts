// The inbox handles events claimed together in one transaction. What the stored events and the
// handlers' writes show: one commit for the group, each handler seeing what the ones before it
// wrote, and a failing handler failing only its own event, whose writes are rolled back.
import { ormConfig, TagGroupSchema } from '@kelian/orm';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { Outbox } from '../../src/bot/delivery/outbox.js';
import { type ClaimedEvent, Inbox } from '../../src/bot/inbox.js';
import type { ChatEvent, TextEvent } from '../../src/platforms/common.js';

let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init(ormConfig(testDbUrl()));
});
afterAll(async () => {
  await orm.close(true);
});
beforeEach(() => resetDatabase(testDbUrl()));

/** What a person typed, `n`-th of a run: its dedupe key names it. */
function typed(n: number): TextEvent {
  return {
    kind: 'text',
    platform: 'wecom',
    dedupeKey: `grouped-${n}`,
    occurredAt: new Date(),
    raw: {},
    // Each from a different person, as events claimed together usually are.
    from: `member-${n}`,
    conversation: { type: 'direct' },
    text: `消息 ${n}`,
    msgId: `msg-${n}`,
  };
}

/** One handler call: which event, in which transaction, and what it saw of the others' writes. */
interface Call {
  dedupeKey: string;
  txid: string;
  rowsBefore?: number;
}

const query = <T>(sql: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(sql, params);

/** Accepts `count` events and claims them all, in id order. */
async function acceptAndClaim(inbox: Inbox, count: number): Promise<ClaimedEvent[]> {
  const outcomes = await Promise.all(Array.from({ length: count }, (_, i) => inbox.accept(typed(i + 1))));
  expect(outcomes).toEqual(Array(count).fill('accepted'));
  const claimed = await inbox.claim('person', 50);
  expect(claimed).toHaveLength(count);
  return claimed.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Processes every claimed event in one turn, as a worker starting its claimed batch does. */
function processTogether(inbox: Inbox, claimed: ClaimedEvent[]) {
  return Promise.all(
    claimed.map((c) =>
      inbox.process(c).then(
        () => 'handled' as const,
        (error: unknown) => String(error),
      ),
    ),
  );
}

/** The stored events, by dedupe key. */
async function storedEvents() {
  const rows = await query<{
    dedupe_key: string;
    id: number | string;
    processed: boolean;
    attempts: number;
    last_error: string | null;
    due_later: boolean;
  }>(
    `select dedupe_key, id, processed_at is not null as processed, attempts, last_error,
            next_attempt_at > now() as due_later
       from inbox_event order by id`,
  );
  return new Map(rows.map((r) => [r.dedupe_key, r]));
}

test('a failing handler fails only its own event: the others are handled once, its writes are rolled back', async () => {
  const calls: Call[] = [];
  let failing = '';
  const inbox = new Inbox(orm, async (em: EntityManager, event: ChatEvent) => {
    const [row] = await em.execute<{ txid: string }[]>('select txid_current()::text as txid');
    calls.push({ dedupeKey: event.dedupeKey, txid: row!.txid });
    // The write goes to the database at once, before the handler fails.
    await em.execute(`insert into tag_group (name, created_at) values (?, now())`, [event.dedupeKey]);
    if (event.dedupeKey === failing) throw new Error(`handler refused ${event.dedupeKey}`);
  });
  const claimed = await acceptAndClaim(inbox, 10);
  const stored = await storedEvents();
  const keyOf = new Map([...stored.values()].map((r) => [Number(r.id), r.dedupe_key]));
  // The fourth event in handling order fails: three batchmates were handled before it in the group.
  failing = keyOf.get(Number(claimed[3]!.id))!;

  const outcomes = await processTogether(inbox, claimed);

  // What each caller of `process` sees: only the failing event's caller gets the error.
  expect(outcomes.filter((o) => o !== 'handled')).toEqual([`Error: handler refused ${failing}`]);
  expect(outcomes[3]).not.toBe('handled');

  // The group ran first: the first handlers (up to the failing one) shared one transaction.
  const groupCalls = calls.slice(0, 4);
  expect(groupCalls.map((c) => c.dedupeKey)).toEqual(claimed.slice(0, 4).map((c) => keyOf.get(Number(c.id))));
  expect(new Set(groupCalls.map((c) => c.txid)).size).toBe(1);

  const after = await storedEvents();
  const written = await query<{ name: string; n: number }>(
    'select name, count(*)::int as n from tag_group group by name',
  );
  const writes = new Map(written.map((w) => [w.name, w.n]));
  expect(after.size).toBe(10);
  for (const [dedupeKey, row] of after) {
    if (dedupeKey === failing) continue;
    expect({
      dedupeKey,
      processed: row.processed,
      attempts: row.attempts,
      lastError: row.last_error,
    }).toEqual({
      dedupeKey,
      processed: true,
      attempts: 1,
      lastError: null,
    });
    // Written exactly once, although the first three were also handled in the rolled-back group.
    expect({ dedupeKey, writes: writes.get(dedupeKey) }).toEqual({ dedupeKey, writes: 1 });
  }
  const failed = after.get(failing)!;
  expect(failed.processed).toBe(false);
  expect(failed.attempts).toBe(1);
  expect(failed.last_error).toContain(`handler refused ${failing}`);
  expect(failed.due_later).toBe(true);
  expect(writes.has(failing)).toBe(false);
  expect(written).toHaveLength(9);
  // Not due yet, so a worker claims nothing now.
  expect(await inbox.claim('person', 50)).toEqual([]);
});

test('events handled together share one transaction, and each handler sees what the ones before it wrote', async () => {
  const calls: Call[] = [];
  const inbox = new Inbox(orm, async (em: EntityManager, event: ChatEvent) => {
    const [row] = await em.execute<{ txid: string }[]>('select txid_current()::text as txid');
    const [seen] = await em.execute<{ n: number }[]>('select count(*)::int as n from tag_group');
    calls.push({ dedupeKey: event.dedupeKey, txid: row!.txid, rowsBefore: seen!.n });
    // Through the unit of work, not flushed here: the inbox flushes before the next event starts.
    em.create(TagGroupSchema, { name: event.dedupeKey });
  });
  const claimed = await acceptAndClaim(inbox, 10);

  const outcomes = await processTogether(inbox, claimed);

  expect(outcomes).toEqual(Array(10).fill('handled'));
  expect(calls).toHaveLength(10);
  // One transaction for all ten: one group.
  expect(new Set(calls.map((c) => c.txid)).size).toBe(1);
  // The n-th handler saw the n − 1 rows its predecessors wrote.
  expect(calls.map((c) => c.rowsBefore)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const stored = await storedEvents();
  expect([...stored.values()].every((r) => r.processed && r.attempts === 1 && r.last_error === null)).toBe(
    true,
  );
  const written = await query<{ name: string }>('select name from tag_group order by id');
  expect(written.map((w) => w.name)).toEqual(calls.map((c) => c.dedupeKey));
});

test('an event already handled is not handled again when processed a second time', async () => {
  let handled = 0;
  const inbox = new Inbox(orm, async () => {
    handled += 1;
  });
  const claimed = await acceptAndClaim(inbox, 3);
  expect(await processTogether(inbox, claimed)).toEqual(['handled', 'handled', 'handled']);
  // A second worker that claimed them after an expired claim finds them handled.
  expect(await processTogether(inbox, claimed)).toEqual(['handled', 'handled', 'handled']);
  expect(handled).toBe(3);
  const stored = await storedEvents();
  expect([...stored.values()].map((r) => r.attempts)).toEqual([1, 1, 1]);
});

test("answers written by events handled together are written together, and a failing event's answer is not", async () => {
  const told: string[] = [];
  const outbox = new Outbox((lane) => told.push(lane));
  let failing = '';
  const inbox = new Inbox(
    orm,
    async (em: EntityManager, event: ChatEvent) => {
      if (event.kind !== 'text') return;
      await outbox.reply(em, event, { kind: 'text', text: `收到 ${event.text}` });
      if (event.dedupeKey === failing) throw new Error(`handler refused ${event.dedupeKey}`);
    },
    undefined,
    (tx, work) => outbox.gathered(tx, work),
  );
  const claimed = await acceptAndClaim(inbox, 6);
  const keyOf = new Map([...(await storedEvents()).values()].map((r) => [Number(r.id), r.dedupe_key]));
  failing = keyOf.get(Number(claimed[2]!.id))!;

  const outcomes = await processTogether(inbox, claimed);

  expect(outcomes.filter((o) => o !== 'handled')).toEqual([`Error: handler refused ${failing}`]);
  const answers = await query<{ audience: { userIds: string[] }; message: { text: string }; lane: string }>(
    'select audience, message, lane from outbound_message order by id',
  );
  // One answer for each handled event, to its sender, on the direct lane; none for the failing one.
  const expected = claimed
    .map((c) => Number(keyOf.get(Number(c.id))!.replace('grouped-', '')))
    .filter((n) => `grouped-${n}` !== failing);
  expect(answers.map((a) => [a.audience.userIds, a.message.text, a.lane]).sort()).toEqual(
    expected.map((n) => [[`member-${n}`], `收到 消息 ${n}`, 'direct']).sort(),
  );

  // Six more, none failing: one transaction, one insert, and the senders told once, not six times.
  told.length = 0;
  failing = '';
  await Promise.all(Array.from({ length: 6 }, (_, i) => inbox.accept(typed(7 + i))));
  const more = await inbox.claim('person', 50);
  expect(await processTogether(inbox, more)).toEqual(Array(6).fill('handled'));
  expect(told).toEqual(['direct']);
  const [{ n }] = (await query<{ n: number }>('select count(*)::int as n from outbound_message')) as [
    { n: number },
  ];
  expect(n).toBe(answers.length + 6);
});
