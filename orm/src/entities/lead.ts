import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { AssignmentRuleSchema } from './assignment-rule.js';
import { CustomerSchema } from './customer.js';
import { DepartmentSchema } from './department.js';
import { gridIndexes } from './grid-indexes.js';
import { UserSchema } from './user.js';

export const leadStatuses = ['new', 'claimed', 'invalid', 'converted'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

// A sales lead before it becomes a customer. `team` is where assignment sent it; no owner while it
// waits to be claimed. Status changes are conditional updates, so two claims give one owner.
export const LeadSchema = defineEntity({
  name: 'Lead',
  properties: {
    id: p.integer().primary().autoincrement(),
    company: p.string().length(200),
    contactName: p.string().length(100).nullable(),
    mobile: p.string().length(32).nullable().index(),
    region: p.string().length(50).nullable(),
    source: p.string().length(50).nullable(),
    industry: p.string().length(50).nullable(),
    note: p.text().nullable(),
    status: p.enum(leadStatuses).default('new'),
    team: p.manyToOne(DepartmentSchema).nullable().deleteRule('set null'),
    owner: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    claimedAt: p.datetime().nullable(),
    invalidReason: p.string().length(200).nullable(),
    email: p.string().length(200).nullable(),
    /** The assignment rule that routed it; its recycle setting applies. */
    rule: p.manyToOne(AssignmentRuleSchema).nullable().deleteRule('set null'),
    /** The sender's own id for a webhook lead: the same form post twice is one lead. */
    externalKey: p.string().length(100).nullable().unique(),
    /** The customer it became (or was merged into) on conversion; indexed for the customer's timeline. */
    customer: p.manyToOne(CustomerSchema).nullable().deleteRule('set null').index(),
    convertedAt: p.datetime().nullable(),
    /** The last time someone worked on it (claim, follow-up, edit): the recycle clock. */
    lastActivityAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
    customFields: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    { properties: ['status', 'team'] },
    // The leads grid's keyset orders (bot-server/src/domain/leads/grid.ts): leads by an order and
    // id, alone or within one status or one owner, so that its first page is read off an index.
    ...gridIndexes(
      'lead',
      [['updated_at'], ['created_at'], ['company'], ['status', 'updated_at'], ['owner_id', 'updated_at']],
      { live: false },
    ),
  ],
});

export type Lead = InferEntity<typeof LeadSchema>;
