import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// Every verified inbound platform event, stored before the platform gets its answer. The unique
// (platform, dedupe key) pair makes a platform retry a no-op; `processedAt` tells what the bot has done.
export const InboxEventSchema = defineEntity({
  name: 'InboxEvent',
  properties: {
    id: p.integer().primary().autoincrement(),
    platform: p.string().length(20),
    dedupeKey: p.string().length(200),
    kind: p.string().length(40),
    /** The neutral ChatEvent as JSON. */
    event: p.json<Record<string, unknown>>().columnType('jsonb'),
    receivedAt: p.datetime(),
    processedAt: p.datetime().nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
  },
  uniques: [{ properties: ['platform', 'dedupeKey'] }],
  indexes: [{ properties: ['receivedAt'] }],
});

export type InboxEvent = InferEntity<typeof InboxEventSchema>;
