import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// One outbound platform message: one card or text to one platform audience. The table is also the
// queue of messages to send: senders claim due rows (bot/delivery/sender.ts). Each is its own durable
// delivery with its own state, so a retry resends only what was not delivered, and a card keeps the
// id (WeCom task_id, DingTalk outTrackId) it was given when it was planned: a resend after a crash
// carries the same id, and the platform itself refuses to show it twice.
export const OutboundMessageSchema = defineEntity({
  name: 'OutboundMessage',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    platform: p.string().length(20),
    /** `direct`: a person's answer; `bulk`: notifications. Separate queues, and direct gets rate headroom. */
    lane: p.string().length(10),
    /** The platform Audience, as JSON. */
    audience: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** The OutboundMessage as JSON; null for a card of a subject, which is rendered when it is sent. */
    message: p.json<Record<string, unknown>>().columnType('jsonb').nullable(),
    /** The business object a card shows (rendered fresh at send time, so a late card is never stale). */
    subjectType: p.string().length(40).nullable(),
    subjectId: p.integer().nullable(),
    /** A line under a subject's card (a replacement card says the earlier one is void). */
    footer: p.string().length(200).nullable(),
    /** The card's platform id, fixed when the message is planned. */
    cardId: p.string().length(128).nullable().unique(),
    /** pending → sending → sent; or failed (the platform refused for good) or dropped (the subject is gone). */
    state: p.string().length(10).default('pending'),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    /** When it may go: now, the slot its rate window booked, or after a failed attempt's backoff. */
    notBefore: p.datetime().defaultRaw('now()'),
    /**
     * Its subject's cards were refreshed while it was being sent: the card it rendered may show the
     * state before that change, and the refresh could not reach it yet. Set by the refresh, read when
     * the delivery is recorded (which then asks for another refresh).
     */
    refreshWhenSent: p.boolean().default(false),
    /** A sender holds the message until then; a crashed sender's messages are taken again after it. */
    claimedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  },
  // Workers on every instance are woken when work is committed (PostgreSQL delivers a notification
  // at commit; the embedded database's one process wakes its own workers), only those of the lane
  // written: a burst of one lane must not make the other lane's idle workers look again each time.
  triggers: [
    {
      name: 'outbound_message_work',
      timing: 'after',
      events: ['insert'],
      // Per row, so the notice names the lane (a statement-level trigger cannot see the rows without
      // a transition table, which the schema generator cannot declare); PostgreSQL delivers one notice
      // per distinct payload and transaction, however many rows.
      forEach: 'row',
      body: "perform pg_notify('kelian_work', 'outbound_message:' || new.lane); return null;",
    },
  ],
  indexes: [
    { properties: ['state', 'createdAt'] },
    {
      name: 'outbound_message_due_idx',
      expression:
        'create index "outbound_message_due_idx" on "outbound_message" ("lane", "not_before", "id") where "state" in (\'pending\', \'sending\')',
    },
  ],
});

export type OutboundMessage = InferEntity<typeof OutboundMessageSchema>;

// A platform rate key (a WeCom member, a DingTalk API): the row every instance locks to admit a send.
export const RateKeySchema = defineEntity({
  name: 'RateKey',
  properties: {
    key: p.string().length(200).primary(),
  },
});

// One send counted against a rate key, at the time it went out (or the time it is booked for).
// Shared in the database so that every instance counts the same window.
export const RateSlotSchema = defineEntity({
  name: 'RateSlot',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    key: p.string().length(200),
    at: p.datetime(),
    /** The outbound message that took the slot. */
    messageId: p.bigint('number'),
  },
  indexes: [{ properties: ['key', 'at'] }, { properties: ['messageId'] }],
});
