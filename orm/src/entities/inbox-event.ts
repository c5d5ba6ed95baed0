import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// Every verified inbound platform event, stored before the platform gets its answer. The unique
// (platform, dedupe key) pair makes a platform retry a no-op; `processedAt` tells what the bot has done.
// The table is also the queue of events to handle: workers claim due rows (bot/inbox-worker.ts).
export const InboxEventSchema = defineEntity({
  name: 'InboxEvent',
  properties: {
    id: p.integer().primary().autoincrement(),
    platform: p.string().length(20),
    dedupeKey: p.string().length(200),
    kind: p.string().length(40),
    /** `person` (what someone typed or clicked) or `sync` (platform bookkeeping): handled by separate workers. */
    lane: p.string().length(10).default('person'),
    /** `<platform>:<user>` for a person's events: one person's events are handled in order. */
    actor: p.string().length(100).nullable(),
    /** The neutral ChatEvent as JSON. */
    event: p.json<Record<string, unknown>>().columnType('jsonb'),
    receivedAt: p.datetime(),
    processedAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    /** Not before: a failed attempt is retried after a backoff. */
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    /** A worker holds the event until then; a crashed worker's events are taken again after it. */
    claimedUntil: p.datetime().nullable(),
  },
  // Workers on every instance are woken when work is committed (PostgreSQL delivers a notification
  // at commit; the embedded database's one process wakes its own workers), only those of the lane
  // written: a burst of one lane must not make the other lane's idle workers look again each time.
  triggers: [
    {
      name: 'inbox_event_work',
      timing: 'after',
      events: ['insert'],
      // Per row, so the notice names the lane (a statement-level trigger cannot see the rows without
      // a transition table, which the schema generator cannot declare); PostgreSQL delivers one notice
      // per distinct payload and transaction, however many rows.
      forEach: 'row',
      body: "perform pg_notify('kelian_work', 'inbox_event:' || new.lane); return null;",
    },
  ],
  uniques: [{ properties: ['platform', 'dedupeKey'] }],
  indexes: [
    { properties: ['receivedAt'] },
    {
      name: 'inbox_event_due_idx',
      expression:
        'create index "inbox_event_due_idx" on "inbox_event" ("lane", "next_attempt_at", "id") where "processed_at" is null',
    },
  ],
});

export type InboxEvent = InferEntity<typeof InboxEventSchema>;
