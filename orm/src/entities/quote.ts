import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';
import { OpportunitySchema } from './opportunity.js';
import { ProductSchema } from './product.js';
import { UserSchema } from './user.js';

/**
 * 草稿 → 审批中 → 已批准 / 已驳回 → 已转合同 / 已过期. A quote without a line below its floor price is
 * approved at once; a rejected (or withdrawn) one is changed and submitted again.
 */
export const quoteStatuses = ['draft', 'pending', 'approved', 'rejected', 'converted', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

// A quote to a customer (issue 14). Money in integer cents, a discount in basis points (1 % = 100);
// the totals are stored as computed by domain/quotes/totals.ts when the lines were written. The
// contract it became names it (Contract.quoteId).
export const QuoteSchema = defineEntity({
  name: 'Quote',
  properties: {
    id: p.integer().primary().autoincrement(),
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade'),
    opportunity: p.manyToOne(OpportunitySchema).nullable().deleteRule('set null'),
    owner: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    title: p.string().length(200),
    validUntil: p.date(),
    status: p.enum(quoteStatuses).default('draft'),
    /** Σ quantity × list price: what the customer would pay without any discount. */
    listTotalCents: p.bigint('number'),
    totalCents: p.bigint('number'),
    deletedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['customer', 'id'] }, { properties: ['owner', 'id'] }],
});

export type Quote = InferEntity<typeof QuoteSchema>;

// One line of a quote: the product's prices are copied when the line is written, so a later price
// change does not rewrite a quote that was sent (or approved).
export const QuoteLineSchema = defineEntity({
  name: 'QuoteLine',
  properties: {
    id: p.integer().primary().autoincrement(),
    quote: p.manyToOne(QuoteSchema).deleteRule('cascade'),
    position: p.integer(),
    product: p.manyToOne(ProductSchema),
    quantity: p.integer(),
    unitPriceCents: p.bigint('number'),
    discountBp: p.integer(),
    /** quantity × unit price × (1 − discount), rounded half up to the cent. */
    amountCents: p.bigint('number'),
    listPriceCents: p.bigint('number'),
    floorPriceCents: p.bigint('number'),
  },
  indexes: [{ properties: ['quote', 'position'] }, { properties: ['product'] }],
  checks: [
    {
      name: 'quote_line_figures_check',
      expression:
        '"quantity" > 0 and "unit_price_cents" >= 0 and "discount_bp" >= 0 and "discount_bp" <= 10000',
    },
  ],
});

export type QuoteLine = InferEntity<typeof QuoteLineSchema>;
