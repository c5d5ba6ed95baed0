import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// One row per schedule and time slot: the instance whose INSERT wins runs that slot.
// Rows are kept (pruned by age) so a restarted server can see which slots were missed.
export const RunSlotSchema = defineEntity({
  name: 'RunSlot',
  properties: {
    key: p.string().length(200).primary(),
    task: p.string().length(100),
    slot: p.datetime(),
    owner: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['task', 'slot'] }],
});

export type RunSlot = InferEntity<typeof RunSlotSchema>;
