import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { DepartmentSchema } from './department.js';
import { UserSchema } from './user.js';

// A monthly sales target (won amount, integer cents) of one rep or one team: exactly one of
// `user` and `department` is set. Achieved amounts are computed from won deals, never stored.
export const SalesTargetSchema = defineEntity({
  name: 'SalesTarget',
  properties: {
    id: p.integer().primary().autoincrement(),
    user: p.manyToOne(UserSchema).nullable().deleteRule('cascade'),
    department: p.manyToOne(DepartmentSchema).nullable().deleteRule('cascade'),
    /** `YYYY-MM`, in the display time zone. */
    month: p.string().length(7),
    amountCents: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['user', 'month'] }, { properties: ['department', 'month'] }],
});

export type SalesTarget = InferEntity<typeof SalesTargetSchema>;
