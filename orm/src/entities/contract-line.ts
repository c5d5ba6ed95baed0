import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ContractSchema } from './contract.js';
import { ProductSchema } from './product.js';

// What a contract sells, line by line, when it came from a quote (its lines and prices carried
// over). Same money rules as a quote line; the product's name is kept as signed.
export const ContractLineSchema = defineEntity({
  name: 'ContractLine',
  properties: {
    id: p.integer().primary().autoincrement(),
    contract: p.manyToOne(ContractSchema).deleteRule('cascade'),
    position: p.integer(),
    product: p.manyToOne(ProductSchema),
    productName: p.string().length(200),
    quantity: p.integer(),
    unitPriceCents: p.bigint('number'),
    discountBp: p.integer(),
    amountCents: p.bigint('number'),
  },
  indexes: [{ properties: ['contract', 'position'] }, { properties: ['product'] }],
});

export type ContractLine = InferEntity<typeof ContractLineSchema>;
