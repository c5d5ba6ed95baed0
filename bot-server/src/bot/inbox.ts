import { InboxEventSchema } from '@kelian/orm';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { BatchedWrites } from '../jobs/batched-writes.js';
import type { ChatEvent } from '../platforms/common.js';
import { eventFromJson, eventToJson } from '../platforms/event-json.js';

/**
 * Two lanes with a worker each, so that a burst of platform sync events (a contact import, an org
 * change) never holds back what a person typed or clicked.
 */
export type InboxLane = 'person' | 'sync';
export const inboxLanes: readonly InboxLane[] = ['person', 'sync'];

/** What a person does in the chat, answered while they wait; everything else is bookkeeping. */
const personKinds = new Set<ChatEvent['kind']>(['text', 'card_action', 'enter_app', 'menu_click']);

/** A claimed event: the worker's share of a row. */
export interface ClaimedEvent {
  id: number;
  actor: string | null;
  attempts: number;
}

/** A worker holds a claimed event this long; a crashed worker's events are taken again after it. */
const claimSeconds = 15;
/** After this many failed attempts an event is left alone, with its last error, for a person to look at. */
export const maxInboxAttempts = 10;

/**
 * The door every verified platform event comes through, and the queue of events to handle. `accept`
 * stores the event (with the others arriving at the same moment) in one statement before the
 * platform gets its answer: a crash after the answer loses nothing, and a platform retry of the same event is recognised by its dedupe key and dropped.
 * Workers claim due events (`claim`) and `process` each exactly once: the row is locked while it is
 * handled and marked handled in the handler's own transaction.
 */
export class Inbox {
  /** Callbacks that arrive together are stored in one statement (see BatchedWrites). */
  readonly #accepts = new BatchedWrites<ChatEvent, 'accepted' | 'duplicate'>(
    (events) => this.#insert(events),
    {
      concurrency: 2,
      maxBatch: 200,
    },
  );

  /** Events handled at the same moment share one transaction (see `process`). */
  readonly #handling = new BatchedWrites<ClaimedEvent, undefined>((events) => this.#handleTogether(events), {
    concurrency: 3,
    maxBatch: 16,
    gather: true,
  });

  constructor(
    private readonly orm: MikroORM,
    /** Handles one event in the transaction it is marked handled in. */
    private readonly handle: (em: EntityManager, event: ChatEvent) => Promise<void>,
    /** Called after an event is stored, so this process's workers need not wait for their next look. */
    private readonly stored: (lane: InboxLane) => void = () => {},
    /**
     * Runs the handling of events handled together, in their transaction: what their handlers write
     * can be written together too (the outbox's answers, `Outbox.gathered`).
     */
    private readonly together: (tx: EntityManager, work: () => Promise<void>) => Promise<void> = (_, work) =>
      work(),
  ) {}

  accept(event: ChatEvent): Promise<'accepted' | 'duplicate'> {
    return this.#accepts.submit(event);
  }

  async #insert(events: ChatEvent[]): Promise<('accepted' | 'duplicate')[]> {
    const keyOf = (platform: string, dedupeKey: string) => JSON.stringify([platform, dedupeKey]);
    // A platform retry can arrive in the same batch as its original: only the first is written.
    const firsts = new Map<string, ChatEvent>();
    for (const e of events) {
      const key = keyOf(e.platform, e.dedupeKey);
      if (!firsts.has(key)) firsts.set(key, e);
    }
    const rows = [...firsts.values()].map((event) => {
      const lane: InboxLane = personKinds.has(event.kind) ? 'person' : 'sync';
      const actor = 'from' in event ? `${event.platform}:${event.from}` : null;
      return [event.platform, event.dedupeKey, event.kind, lane, actor, JSON.stringify(eventToJson(event))];
    });
    const inserted = await this.orm.em
      .fork()
      .execute<{ platform: string; dedupe_key: string; lane: InboxLane }[]>(
        `insert into inbox_event (platform, dedupe_key, kind, lane, actor, event, received_at, attempts)
       values ${rows.map(() => '(?, ?, ?, ?, ?, ?, now(), 0)').join(', ')}
       on conflict (platform, dedupe_key) do nothing returning platform, dedupe_key, lane`,
        rows.flat(),
      );
    for (const lane of new Set(inserted.map((r) => r.lane))) this.stored(lane);
    const fresh = new Set(inserted.map((r) => keyOf(r.platform, r.dedupe_key)));
    return events.map((e) => (fresh.delete(keyOf(e.platform, e.dedupeKey)) ? 'accepted' : 'duplicate'));
  }

  /** Takes up to `limit` due events of `lane`, oldest first, for `claimSeconds`. */
  claim(lane: InboxLane, limit: number): Promise<ClaimedEvent[]> {
    return this.orm.em.fork().execute<ClaimedEvent[]>(
      `update inbox_event set claimed_until = now() + interval '${claimSeconds} seconds'
        where id in (select id from inbox_event
                      where processed_at is null and lane = ? and next_attempt_at <= now()
                        and (claimed_until is null or claimed_until < now()) and attempts < ?
                      order by id limit ? for update skip locked)
        returning id, actor, attempts`,
      [lane, maxInboxAttempts, limit],
    );
  }

  /**
   * Handles a claimed event unless it was already handled; a failure is recorded and the event is
   * tried again after a backoff (1 s, 2 s, 4 s … up to 5 minutes).
   */
  async process(claimed: ClaimedEvent): Promise<void> {
    try {
      await this.#handling.submit(claimed);
    } catch (error) {
      const backoffSeconds = Math.min(300, 2 ** claimed.attempts);
      await this.orm.em.fork().execute(
        `update inbox_event set attempts = attempts + 1, last_error = ?, claimed_until = null,
                next_attempt_at = now() + ? * interval '1 second' where id = ?`,
        [String(error).slice(0, 2000), backoffSeconds, claimed.id],
      );
      throw error;
    }
  }

  /**
   * Handles `claimed` in one transaction, one event after another, each with its own entity manager
   * (flushed before the next starts, so that it sees what the one before did). One commit for many
   * events; if any fails, none is kept, and BatchedWrites tries each alone, so the failure is its own.
   */
  async #handleTogether(claimed: ClaimedEvent[]): Promise<undefined[]> {
    await this.orm.em.fork().transactional(async (tx) => {
      // Locked for the handling: another worker that claimed one after an expired claim waits here
      // and then finds it handled.
      const rows = await tx.execute<{ id: number | string; event: Record<string, unknown> }[]>(
        `select id, event from inbox_event
          where id in (select (jsonb_array_elements_text(?::jsonb))::bigint) and processed_at is null
          order by id for update`,
        [JSON.stringify(claimed.map((c) => c.id))],
      );
      await this.together(tx, async () => {
        for (const row of rows) {
          const em = tx.fork({ keepTransactionContext: true, clear: true });
          await this.handle(em, eventFromJson(row.event));
          await em.flush();
        }
      });
      if (rows.length === 0) return;
      await tx.execute(
        `update inbox_event set processed_at = now(), attempts = attempts + 1, claimed_until = null
          where id in (select (jsonb_array_elements_text(?::jsonb))::bigint)`,
        [JSON.stringify(rows.map((r) => r.id))],
      );
    });
    return claimed.map(() => undefined);
  }
}

/** Forgets handled events older than `days`: the dedupe window of every platform is far shorter. */
export function pruneInbox(em: EntityManager, days: number): Promise<number> {
  return em.nativeDelete(InboxEventSchema, {
    processedAt: { $lt: new Date(Date.now() - days * 86_400_000) },
  });
}
