import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// A card sent to a platform, stored with the business object it shows, so that after any change
// every copy (every recipient's) can be updated in place. `ref` is the platform's handle: WeCom's
// task_id and unused response codes, DingTalk's outTrackId; `version` orders the updates.
export const CardInstanceSchema = defineEntity({
  name: 'CardInstance',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** WeCom task_id / DingTalk outTrackId: unique per app, forever. */
    cardId: p.string().length(128).unique(),
    platform: p.string().length(20),
    kind: p.string().length(40),
    objectType: p.string().length(40),
    objectId: p.string().length(64),
    /** The platform CardRef (audience, response codes), as JSON. */
    ref: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** The neutral card last shown. */
    card: p.json<Record<string, unknown>>().columnType('jsonb'),
    version: p.integer().default(1),
    /** Set when the platform refused the update and a fresh card replaced this one. */
    replacedBy: p.string().length(128).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['objectType', 'objectId'] }],
});

export type CardInstance = InferEntity<typeof CardInstanceSchema>;
