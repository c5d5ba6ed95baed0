import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// A signed webhook request already accepted, remembered while its signature could still be
// accepted: the same request sent again inside its window finds the key taken and is refused.
// Rows past `expiresAt` prove nothing any more (the timestamp check refuses them) and are pruned.
export const WebhookReplaySchema = defineEntity({
  name: 'WebhookReplay',
  properties: {
    /** The request's signature header as sent (`sha256=<hex>`): it covers timestamp and body. */
    signature: p.string().length(100).primary(),
    expiresAt: p.datetime().index(),
  },
});

export type WebhookReplay = InferEntity<typeof WebhookReplaySchema>;
