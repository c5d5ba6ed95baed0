import { defineEntity, type EntityName, type InferEntity, p } from '@mikro-orm/core';
import { searchNameSql, searchWordsSql } from '../search/sql.js';
import { gridIndexes } from './grid-indexes.js';
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
    // The pivots' types are written out: inferred, they and the customer's would refer to each other.
    collaborators: p.manyToMany(UserSchema).pivotEntity((): EntityName => CustomerCollaboratorSchema),
    tags: p.manyToMany(TagSchema).pivotEntity((): EntityName => CustomerTagSchema),
    /** 信用额度 in cents, as the last approved credit-limit application set it; none until then. */
    creditLimitCents: p.bigint('number').nullable(),
    customFields: p.json<Record<string, unknown>>().columnType('jsonb').default('{}'),
    wecomExternalUserId: p.string().length(64).nullable().unique(),
    lastFollowUpAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable().index(),
    /** Set when this customer was merged into another (and moved to the recycle bin). */
    mergedIntoId: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    // Search keys (orm/src/search/keys.ts): derived from the name, the phone and the contacts by
    // `searchKeysFor`, stored so that every kind of search is served by an index. Not part of the API.
    searchText: p.text().default('').lazy().hidden(),
    searchContacts: p.text().default('').lazy().hidden(),
    searchGrams: p.array().default([]).lazy().hidden(),
    searchPhones: p.array().default([]).lazy().hidden(),
  },
  indexes: [
    {
      name: 'customer_name_trgm_idx',
      expression: 'create index "customer_name_trgm_idx" on "customer" using gin ("name" gin_trgm_ops)',
    },
    {
      name: 'customer_search_name_idx',
      expression: `create index "customer_search_name_idx" on "customer" (${searchNameSql()} text_pattern_ops)`,
    },
    {
      name: 'customer_search_text_words_idx',
      expression: `create index "customer_search_text_words_idx" on "customer" using gin ((${searchWordsSql('search_text')}))`,
    },
    {
      name: 'customer_search_contacts_words_idx',
      expression: `create index "customer_search_contacts_words_idx" on "customer" using gin ((${searchWordsSql('search_contacts')}))`,
    },
    {
      name: 'customer_search_text_trgm_idx',
      expression:
        'create index "customer_search_text_trgm_idx" on "customer" using gin ("search_text" gin_trgm_ops)',
    },
    {
      name: 'customer_search_contacts_trgm_idx',
      expression:
        'create index "customer_search_contacts_trgm_idx" on "customer" using gin ("search_contacts" gin_trgm_ops)',
    },
    {
      name: 'customer_search_grams_idx',
      expression: 'create index "customer_search_grams_idx" on "customer" using gin ("search_grams")',
    },
    // The desktop grid's keyset orders (domain/customers/grid): live customers by an order and id,
    // alone or within one owner or one level, so that its first page is read off an index.
    ...gridIndexes(
      'customer',
      [
        ['owner_id', 'updated_at'],
        ['level', 'updated_at'],
      ],
      { live: true },
    ),
    // The orders alone carry the owner too: the customer list's search window counts the next
    // customers in the user's data scope off the index alone (bot-server: keyset-page.ts).
    ...['updated_at', 'created_at', 'name'].map((column) => ({
      name: `customer_grid_${column}_idx`,
      expression: `create index "customer_grid_${column}_idx" on "customer" ("${column}", "id") include ("owner_id") where "deleted_at" is null`,
    })),
    {
      name: 'customer_search_phones_idx',
      expression: 'create index "customer_search_phones_idx" on "customer" using gin ("search_phones")',
    },
  ],
});

export type Customer = InferEntity<typeof CustomerSchema>;

// The two pivot tables, declared for their second index: the primary key (customer, other) finds a
// customer's collaborators and tags, the index (other, customer) finds the customers of a
// collaborator (every `self` data scope asks it) and of a tag (the tag filter).

export const CustomerCollaboratorSchema = defineEntity({
  name: 'CustomerCollaborator',
  tableName: 'customer_collaborator',
  properties: {
    customer: p.manyToOne(CustomerSchema).primary().deleteRule('cascade'),
    user: p.manyToOne(UserSchema).primary().deleteRule('cascade'),
  },
  indexes: [{ properties: ['user', 'customer'] }],
});

export const CustomerTagSchema = defineEntity({
  name: 'CustomerTag',
  tableName: 'customer_tag',
  properties: {
    customer: p.manyToOne(CustomerSchema).primary().deleteRule('cascade'),
    tag: p.manyToOne(TagSchema).primary().deleteRule('cascade'),
  },
  indexes: [{ properties: ['tag', 'customer'] }],
});
