import { type Contact, ContactSchema, type Customer, CustomerSchema } from '@kelian/orm';
import { type EntityManager, type FilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { type FieldUse, refuseHiddenFilters, ruleOf } from '../access/field-rules.js';
import { customerScope, mayChange } from '../access/scope.js';
import { type SearchCheck, searchCustomers } from '../search/customers.js';
import type { CustomFieldValue } from './inputs.js';
import { keysetPage } from './keyset-page.js';
import { matchReasons } from './match-reasons.js';
import { customerSearchFilter } from './search-filter.js';
import { customerPopulate } from './store.js';
import { taggedWith } from './tagged-with.js';

const sortKeys = ['updatedAt', 'createdAt', 'name'] as const;
type SortKey = (typeof sortKeys)[number];
const columnOf = { updatedAt: 'updated_at', createdAt: 'created_at', name: 'name' } as const;

/**
 * How many customers the user may see, in the list's order, a search first looks through for its
 * page (keysetPage): a word in one customer of a hundred (科技, 北京, z) fills a page of 20 from
 * them. What a search for a rare name pays in addition: this many rows read in vain before the
 * search indexes find it.
 */
const searchWindow = 2000;

/** A sort key, ascending; with a leading `-`, descending. */
export const customerSorts = sortKeys.flatMap((key) => [key, `-${key}`] as const);
export type CustomerSort = (typeof customerSorts)[number];

/** Where a page ends: the sort value of its last customer, and its id to break ties. */
export interface ListPosition {
  value: string;
  id: number;
}

export interface CustomerListQuery {
  q?: string;
  owner?: 'me' | 'pool' | number;
  /** Customers carrying every one of these tags. */
  tagIds?: number[];
  /** Customers with an open deal in this pipeline stage. */
  stageId?: number;
  level?: string;
  region?: string;
  /** Equality on custom field values. */
  customFields?: Record<string, Exclude<CustomFieldValue, string[]>>;
  /** The recycle bin instead of the live customers. */
  deleted?: boolean;
  sort: CustomerSort;
  limit: number;
  after?: ListPosition;
}

export interface CustomerPage {
  /** `matchedBy`: with a search text, why the customer matched it when its name does not show it. */
  customers: { customer: Customer; changeable: boolean; matchedBy?: string }[];
  /** Where the next page starts; absent on the last page. */
  next?: ListPosition;
}

/**
 * One page of the customers the user may see, in a keyset order (sort value, then id): a customer
 * added while someone pages through neither shifts a page nor appears twice.
 */
export async function listCustomers(
  em: EntityManager,
  access: Access,
  query: CustomerListQuery,
): Promise<CustomerPage> {
  refuseHiddenFilters(access, [{ object: 'customer', fields: filteredFields(query) }]);
  const direction = query.sort.startsWith('-') ? 'desc' : 'asc';
  const key = query.sort.replace('-', '') as SortKey;
  const where = await customerConditions(em, access, query);
  const page = await keysetPage(em, where, {
    order: { property: key, column: columnOf[key], direction },
    limit: query.limit,
    ...(query.after
      ? {
          after: {
            value: key === 'name' ? query.after.value : new Date(query.after.value),
            id: query.after.id,
          },
        }
      : {}),
    populate: customerPopulate,
    // A search text is matched by its own indexes, not the order's: see keysetPage.
    ...(query.q && !query.deleted
      ? {
          window: {
            size: searchWindow,
            where: await customerConditions(em, access, query, { rowByRow: true }),
            within: [customerScope(access, 'read'), ...ownerCondition(access, query.owner)],
          },
        }
      : {}),
  });
  const last = page.items.at(-1);
  const reasons = query.q ? await matchReasons(em, access, query.q, page.items) : new Map<number, string>();
  return {
    customers: page.items.map((customer) => ({
      customer,
      changeable: mayChange(access, customer),
      ...(reasons.has(customer.id) && { matchedBy: reasons.get(customer.id) }),
    })),
    ...(page.more && last ? { next: { value: positionValue(last, key), id: last.id } } : {}),
  };
}

/** What narrows a list of customers, whatever its order (the list's and the grid's filters). */
export type CustomerFilters = Omit<CustomerListQuery, 'sort' | 'limit' | 'after'>;

/**
 * The conditions of a list: the user's data scope, live or recycle bin, then each filter given.
 * Every list of customers (the mini-app's, the desktop grid's) is built on these.
 */
export async function customerConditions(
  em: EntityManager,
  access: Access,
  query: CustomerFilters,
  search: SearchCheck = {},
): Promise<FilterQuery<Customer>[]> {
  return [
    // The recycle bin holds only what the user could change (and so delete or restore).
    customerScope(access, query.deleted ? 'delete' : 'read'),
    { deletedAt: query.deleted ? { $ne: null } : null },
    ...(query.q ? [await customerSearchFilter(em, query.q, access, search)] : []),
    ...ownerCondition(access, query.owner),
    ...(query.tagIds ?? []).map(taggedWith),
    ...(query.stageId === undefined ? [] : [openDealIn(query.stageId)]),
    ...(query.level === undefined ? [] : [{ level: query.level }]),
    ...(query.region === undefined ? [] : [{ region: query.region }]),
    ...(query.customFields && Object.keys(query.customFields).length > 0
      ? [{ customFields: query.customFields }]
      : []),
  ];
}

export interface BestMatches {
  /**
   * Best first, each with its primary contact (or its first one), if any, and why it matched when
   * its name does not show it (联系人 赵文博).
   */
  customers: { customer: Customer; contact: Contact | undefined; changeable: boolean; matchedBy?: string }[];
  /** More customers match than `limit`. */
  more: boolean;
}

/**
 * The customers the user may see that match `keyword` best (name, contact name, phone tail,
 * pinyin, initials; never by a field the user may not see), for a short answer such as a chat card.
 */
export async function bestMatches(
  em: EntityManager,
  access: Access,
  keyword: string,
  limit: number,
): Promise<BestMatches> {
  const ids = await searchCustomers(em, keyword, {
    limit: limit + 1,
    scopeFilter: customerScope(access, 'read'),
    fieldAccess: (object, field) => ruleOf(access, object, field),
  });
  const shown = ids.slice(0, limit);
  if (shown.length === 0) return { customers: [], more: false };
  const customers = await em.find(CustomerSchema, { id: { $in: shown } }, { populate: customerPopulate });
  const contacts = await em.find(
    ContactSchema,
    { customer: { $in: shown } },
    { orderBy: [{ primary: 'desc' }, { id: 'asc' }] },
  );
  const reasons = await matchReasons(em, access, keyword, customers, contacts);
  return {
    customers: shown.flatMap((id) => {
      const customer = customers.find((c) => c.id === id);
      if (!customer) return [];
      const contact = contacts.find((c) => c.customer.id === id);
      const matchedBy = reasons.get(id);
      return [
        { customer, contact, changeable: mayChange(access, customer), ...(matchedBy && { matchedBy }) },
      ];
    }),
    more: ids.length > limit,
  };
}

function ownerCondition(access: Access, owner: CustomerListQuery['owner']): FilterQuery<Customer>[] {
  if (owner === undefined) return [];
  if (owner === 'pool') return [{ owner: null }];
  return [{ owner: owner === 'me' ? access.userId : owner }];
}

/** Customers with an open, live deal in the stage: the deal's customer is the one in the list. */
function openDealIn(stageId: number): FilterQuery<Customer> {
  return {
    [raw(
      (alias) =>
        `exists (select 1 from opportunity o where o.customer_id = ${alias}.id and o.stage_id = ? and o.status = 'open' and o.deleted_at is null)`,
      [stageId],
    )]: [],
  };
}

function positionValue(customer: Customer, key: SortKey): string {
  return key === 'name' ? customer.name : customer[key].toISOString();
}

export function filteredFields(query: CustomerFilters & { sort?: string }): FieldUse['fields'] {
  return [
    ...(query.q || query.sort?.endsWith('name') ? ['name'] : []),
    ...(query.tagIds?.length ? ['tags'] : []),
    ...(query.level === undefined ? [] : ['level']),
    ...(query.region === undefined ? [] : ['region']),
    ...(query.customFields === undefined ? [] : ['customFields']),
  ];
}
