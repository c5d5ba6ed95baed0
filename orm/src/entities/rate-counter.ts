import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// Requests counted per key (`login:<client ip>`) and fixed time window, in the database so that
// every instance behind a load balancer counts against the same limit. Old windows are pruned.
export const RateCounterSchema = defineEntity({
  name: 'RateCounter',
  properties: {
    key: p.string().length(200).primary(),
    windowStart: p.datetime().primary().index(),
    count: p.integer().default(0),
  },
});

export type RateCounter = InferEntity<typeof RateCounterSchema>;
