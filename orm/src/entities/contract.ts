import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';
import { OpportunitySchema } from './opportunity.js';
import { UserSchema } from './user.js';

/** 草稿 → 审批中 → 已生效 → 已到期 / 已终止; a rejected or withdrawn approval leaves it a draft again. */
export const contractStatuses = ['draft', 'pending', 'active', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

// A contract with a customer (issue 14), the first document sent through an approval flow. Money in
// integer cents; dates are calendar days (no time zone). Only a draft changes; an approval's
// outcome moves its status in the transaction that decides it (domain/contracts/document.ts).
export const ContractSchema = defineEntity({
  name: 'Contract',
  properties: {
    id: p.integer().primary().autoincrement(),
    number: p.string().length(50).unique(),
    name: p.string().length(200),
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade'),
    opportunity: p.manyToOne(OpportunitySchema).nullable().deleteRule('set null'),
    /**
     * The approved quote it was made from (its lines, prices and approval history came with it), at
     * most one contract per quote. A plain id: a relation here makes the two inferred entity types
     * too large for the compiler; quotes are soft-deleted and go with their customer like contracts.
     */
    quoteId: p.integer().nullable().unique(),
    owner: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    amountCents: p.bigint('number'),
    startDate: p.date(),
    endDate: p.date(),
    signedDate: p.date().nullable(),
    status: p.enum(contractStatuses).default('draft'),
    deletedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['customer', 'id'] }, { properties: ['owner', 'id'] }],
});

export type Contract = InferEntity<typeof ContractSchema>;
