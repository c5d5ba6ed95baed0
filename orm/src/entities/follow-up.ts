import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ContactSchema } from './contact.js';
import { CustomerSchema } from './customer.js';
import { UserSchema } from './user.js';

export const followUpKinds = ['call', 'visit', 'wechat', 'email', 'meeting'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

// One entry of the follow-up log; `nextAt` is when the rep promised to come back.
export const FollowUpSchema = defineEntity({
  name: 'FollowUp',
  properties: {
    id: p.integer().primary().autoincrement(),
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade'),
    contact: p.manyToOne(ContactSchema).nullable().deleteRule('set null'),
    author: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    kind: p.enum(followUpKinds),
    content: p.text(),
    nextStep: p.string().length(500).nullable(),
    nextAt: p.datetime().nullable(),
    occurredAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['customer', 'occurredAt'] }],
});

export type FollowUp = InferEntity<typeof FollowUpSchema>;
