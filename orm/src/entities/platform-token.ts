import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// Access tokens and JS-SDK tickets of the chat platforms, shared by every instance so they do not
// refresh over each other (each refresh invalidates nothing, but the platforms rate-limit gettoken).
// `refreshingUntil` is a lease: the instance that sets it fetches, the others wait for its result.
export const PlatformTokenSchema = defineEntity({
  name: 'PlatformToken',
  properties: {
    key: p.string().length(200).primary(),
    value: p.text(),
    expiresAt: p.datetime(),
    refreshingUntil: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});

export type PlatformToken = InferEntity<typeof PlatformTokenSchema>;
