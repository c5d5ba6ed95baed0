import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// The last time a platform showed it can reach Kelian (`wecom.url-verified`: Kelian answered
// WeCom's URL verification; `wecom.callback`: a valid signed callback arrived). The going-live
// checklist says "已通过 at …" from it; one row per signal, moved forward at most once a minute.
export const PlatformSignalSchema = defineEntity({
  name: 'PlatformSignal',
  properties: {
    key: p.string().length(60).primary(),
    at: p.datetime(),
  },
});

export type PlatformSignal = InferEntity<typeof PlatformSignalSchema>;
