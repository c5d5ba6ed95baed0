import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';

// A person at a customer. The mobile number is the key for duplicate detection and WeCom matching.
export const ContactSchema = defineEntity({
  name: 'Contact',
  properties: {
    id: p.integer().primary().autoincrement(),
    // Indexed: a customer's contacts are read whenever its search keys are recomputed.
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade').index(),
    name: p.string().length(100),
    mobile: p.string().length(32).nullable().index(),
    phone: p.string().length(32).nullable(),
    email: p.string().length(200).nullable(),
    title: p.string().length(100).nullable(),
    wechat: p.string().length(100).nullable(),
    primary: p.boolean().default(false),
    wecomExternalUserId: p.string().length(64).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Contact = InferEntity<typeof ContactSchema>;
