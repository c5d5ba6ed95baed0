import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// One outbound platform message: one card or text to one platform audience. Each is its own durable
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
    /**
     * Which job owns the message: a job whose `turn` differs (an older job of a message that was
     * booked for later) leaves it alone, so one message never has two senders.
     */
    turn: p.integer().default(0),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    sentAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['state', 'createdAt'] }],
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
