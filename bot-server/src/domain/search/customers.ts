import { type Customer, CustomerSchema } from '@kelian/orm';
import { type EntityManager, type FilterQuery, type QBFilterQuery, raw } from '@mikro-orm/postgresql';
import {
  type Condition,
  containsRank,
  type FieldAccessOf,
  innerRank,
  planSearch,
  rowByRow,
  type Tier,
} from './plan.js';

export interface CustomerSearchFields {
  /**
   * The viewer's field rules, e.g. `(object, field) => ruleOf(access, object, field)`: a hidden or
   * masked field is not searched by (a masked phone only by its last four digits). Default: all.
   */
  fieldAccess?: FieldAccessOf;
}

export interface CustomerSearchOptions extends CustomerSearchFields {
  /** How many ids at most (1–100, default 20). */
  limit?: number;
  /**
   * Which customers the acting user may see (data scope) and any further condition, applied inside
   * every tier so that the limit counts only visible customers. Filters enabled on `em` apply too.
   */
  scopeFilter?: FilterQuery<Customer>;
}

/**
 * How many matches each tier reads: all of them for a real query, a bounded share for one such as
 * `z` that matches a third of the table (the user types more). Within a tier ids are ordered by name
 * length (closest match first), then id, over this share. Tiers overlap (an exact name is also a
 * name prefix), so a tier may spend part of its share on customers a better tier has; with a share
 * of at least twice the largest limit, what is left still fills the page.
 */
const tierShare = 200;
const maxLimit = 100;

/**
 * Ids of the customers matching `query`, best first: exact name > name prefix > pinyin, initials,
 * contact name or phone tail prefix > initials inside the name > contains (see planSearch).
 * Customers in the recycle bin are left out. Each tier reads a bounded share, so a common query
 * costs little more than a rare one.
 */
export async function searchCustomers(
  em: EntityManager,
  query: string,
  options: CustomerSearchOptions = {},
): Promise<number[]> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), maxLimit);
  const tiers = planSearch(query, options.fieldAccess).tiers;
  const rows: Row[] = [];
  // Initials inside names, then contains (trigrams over pinyin, common pairs), match more and rank
  // lower: each is read only when the better tiers leave the page short (a one-letter query fills it
  // from the name starts). Each stage is one statement.
  for (const stage of [
    tiers.filter((t) => t.rank < innerRank),
    tiers.filter((t) => t.rank === innerRank),
    tiers.filter((t) => t.rank >= containsRank),
  ]) {
    if (stage.length === 0 || new Set(rows.map((r) => r.id)).size >= limit) continue;
    rows.push(...(await readTiers(em, stage, options.scopeFilter)));
  }
  // Best rank first; a customer found by several tiers keeps its best.
  rows.sort((x, y) => x.rank - y.rank || x.name.length - y.name.length || x.id - y.id);
  return [...new Set(rows.map((r) => r.id))].slice(0, limit);
}

interface Row {
  id: number;
  name: string;
  rank: number;
}

/** The tiers as one UNION ALL, each tier under its own share, inside the scope. */
async function readTiers(
  em: EntityManager,
  tiers: Tier[],
  scopeFilter?: FilterQuery<Customer>,
): Promise<Row[]> {
  const selects = await Promise.all(
    tiers.map(async (tier) => {
      const where: FilterQuery<Customer>[] = [{ deletedAt: null }, condition(tier)];
      if (scopeFilter) where.push(scopeFilter);
      const qb = em
        .createQueryBuilder(CustomerSchema, 'c')
        .select(['c.id', 'c.name', raw(`${tier.rank} as rank`)])
        // The builder takes any FilterQuery at run time; its types want their own form.
        .where({ $and: where } as QBFilterQuery<Customer>)
        .limit(tierShare);
      await qb.applyFilters();
      return qb;
    }),
  );
  const [first, ...rest] = selects;
  const statement = rest.length > 0 ? first!.unionAll(...rest) : first!;
  return statement.execute<Row[]>('all', false);
}

/**
 * A where-condition matching the customers `query` finds, unranked, to combine with other
 * conditions, sorting and pagination: `em.find(CustomerSchema, { $and: [scope, customerSearchCondition(q)] })`.
 * A query with no letters or digits matches nothing; leave the condition out when there is no query.
 */
export function customerSearchCondition(
  query: string,
  options: CustomerSearchFields & SearchCheck = {},
): FilterQuery<Customer> {
  const any = planSearch(query, options.fieldAccess).any;
  if (!options.rowByRow) return condition(any);
  // `is true` on the whole matches the same rows, and no index's operator: the planner cannot
  // take the search indexes for it. Word prefixes are checked as `like` (planSearch's wordPrefix).
  const row = rowByRow(any);
  return condition({ sql: (a) => `(${row.sql(a)}) is true`, params: row.params });
}

export interface SearchCheck {
  /**
   * Checked on each row the rest of the query reads, never through the search indexes: for a read
   * bounded by other means (a range of the list's order), where gathering every match from the
   * indexes would cost more than the range (domain/customers/keyset-page.ts).
   */
  rowByRow?: boolean;
}

function condition(c: Condition): FilterQuery<Customer> {
  return { [raw((alias) => `(${c.sql(alias)})`, c.params)]: [] };
}
