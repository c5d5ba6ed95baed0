import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

// The product catalogue (issue 14; the orders issue extends it with stock). Prices in integer
// cents: the list price quotes start from, and the floor price below which a quote needs approval
// (floor ≤ list, checked by the domain and by the table). A product is never deleted, only made
// inactive: old quotes and contracts keep pointing at it.
export const ProductSchema = defineEntity({
  name: 'Product',
  properties: {
    id: p.integer().primary().autoincrement(),
    sku: p.string().length(64).unique(),
    name: p.string().length(200),
    specification: p.string().length(200).default(''),
    unit: p.string().length(20),
    listPriceCents: p.bigint('number'),
    floorPriceCents: p.bigint('number'),
    category: p.string().length(50).default(''),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  checks: [
    {
      name: 'product_prices_check',
      expression: '"floor_price_cents" >= 0 and "floor_price_cents" <= "list_price_cents"',
    },
  ],
});

export type Product = InferEntity<typeof ProductSchema>;
