import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { TagSchema } from './tag.js';
import { UserSchema } from './user.js';

export const customerKinds = ['company', 'person'] as const;
export type CustomerKind = (typeof customerKinds)[number];

// A customer is a company (with contacts) or a person. No owner means it sits in the pool (公海).
// `deletedAt` implements the recycle bin: rows are never hard-deleted by users.
export const CustomerSchema = defineEntity({
  name: 'Customer',
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.enum(customerKinds),
    name: p.string().length(200),
    /** 统一社会信用代码 of a company: 18 characters, used for duplicate detection. */
    creditCode: p.string().length(18).nullable().index(),
    industry: p.string().length(50).nullable(),
    level: p.string().length(20).nullable(),
    /** Province-level region (北京, 广东 …): the key of lead assignment rules. */
    region: p.string().length(50).nullable(),
    city: p.string().length(50).nullable(),
    address: p.string().length(300).nullable(),
    phone: p.string().length(32).nullable(),
    source: p.string().length(50).nullable(),
    owner: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    collaborators: p.manyToMany(UserSchema).pivotTable('customer_collaborator'),
    tags: p.manyToMany(TagSchema).pivotTable('customer_tag'),
    customFields: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    wecomExternalUserId: p.string().length(64).nullable().unique(),
    lastFollowUpAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    {
      name: 'customer_name_trgm_idx',
      expression: 'create index "customer_name_trgm_idx" on "customer" using gin ("name" gin_trgm_ops)',
    },
  ],
});

export type Customer = InferEntity<typeof CustomerSchema>;
