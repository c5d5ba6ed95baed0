import { type Customer, CustomerSchema } from '@kelian/orm';
import { type EntityManager, type FilterQuery, raw } from '@mikro-orm/postgresql';

/** A list order: a customer column (with an index on it and the id over live customers), and its way. */
export interface KeysetOrder {
  property: 'updatedAt' | 'createdAt' | 'name';
  column: 'updated_at' | 'created_at' | 'name';
  direction: 'asc' | 'desc';
}

/** Where a page ends: the order value of its last customer, and its id to break ties. */
export interface KeysetPosition {
  value: Date | string;
  id: number;
}

export interface KeysetPageQuery {
  order: KeysetOrder;
  limit: number;
  after?: KeysetPosition;
  populate: readonly string[];
  /**
   * First look among the next `size` live customers in the list's order (see keysetPage), those
   * `within` the user's scope when given, checking `where` there: the same conditions, in a form
   * read row by row. For a condition that an index on the order cannot serve (a search text); leave
   * out for the others and for the recycle bin.
   */
  window?: {
    size: number;
    where: FilterQuery<Customer>[];
    /**
     * The user's data scope and any filter on the owner (conditions on the owner and the id, which
     * the order's index carries): the window holds the next `size` customers that meet them, so
     * that a rep, who may see one customer in five, finds as many matches in it as the
     * administrator does in theirs.
     */
    within?: FilterQuery<Customer>[];
  };
}

/**
 * `limit` customers meeting `where`, in the keyset order (order value, then id) after `after`, and
 * whether more follow.
 *
 * With a window, a search for a common word or a single letter (科技, z: a third of a million
 * customers match) does not sort every match to show the first twenty: the page is first looked for
 * among the next `window.size` live customers in the list's order (those in the user's scope,
 * `window.within`: a rep's 北京 among the rep's next customers, not the company's), a range of the
 * order's index that the database reads and filters row by row (`window.where`). Only when the range holds too
 * few matches is the page read by a query over all the matches. The range starts where the page
 * starts, so what it finds comes first in the order: the page is the same either way.
 */
export async function keysetPage(
  em: EntityManager,
  where: FilterQuery<Customer>[],
  { order, limit, after, populate, window }: KeysetPageQuery,
): Promise<{ items: Customer[]; more: boolean }> {
  const read = async (
    from: KeysetPosition | undefined,
    conditions: FilterQuery<Customer>[],
    count: number,
    { related = [] as readonly string[], sortMatches = false } = {},
  ) => {
    const rows = await em.find(
      CustomerSchema,
      { $and: [...conditions, ...(from ? [beyond(order, from, 'after')] : [])] },
      {
        orderBy: [
          // coalesce(x, x) is x, an expression no index is ordered by: the database gathers the
          // matches through the search indexes and sorts them, rather than walk the order's index.
          sortMatches
            ? { [raw((a) => `coalesce(${a}.${order.column}, ${a}.${order.column})`)]: order.direction }
            : { [order.property]: order.direction },
          { id: order.direction },
        ],
        limit: count + 1,
        populate: related as never,
      },
    );
    return { items: rows.slice(0, count), more: rows.length > count };
  };
  if (!window) return read(after, where, limit, { related: populate });
  const found: Customer[] = [];
  let from = after;
  let size = window.size;
  // A second window, after the first, when the first held some matches but too few: as many
  // customers again as the matches found there say the rest of the page takes (with a margin),
  // if that is no more than `secondWindow` windows.
  for (let round = 0; round < 2; round++) {
    const end = await windowEnd(em, order, from, size, window.within ?? []);
    // The range's end as values, not a subquery: the planner then knows how few rows it holds.
    const windowed = await read(
      from,
      [...window.where, ...(end ? [beyond(order, end, 'up to')] : [])],
      limit - found.length,
    );
    found.push(...windowed.items);
    if (windowed.more || !end) {
      await em.populate(found, populate as never);
      return { items: found, more: windowed.more };
    }
    if (windowed.items.length === 0) break;
    size = Math.ceil(((limit + 1 - found.length) * size * 1.5) / windowed.items.length);
    if (size > window.size * secondWindow) break;
    from = end;
  }
  // None in the window: a rare match, which the search indexes gather at little cost, never a walk
  // of the order's index (the planner's guess of a search's share of rows can be a hundred times
  // too high). Some: the planner chooses, with the search and the order's indexes at hand.
  return read(after, where, limit, { related: populate, sortMatches: found.length === 0 });
}

/** How many first windows' worth of customers a second window holds at most. */
const secondWindow = 2;

/**
 * How far, in live customers of any owner, the window looks for its `size` customers within the
 * user's scope: a scope thinner than one customer in this many gets a window of fewer of them.
 */
const windowReach = 10;

/**
 * The `size`-th live customer after `after` in the order, among those `within` the user's scope:
 * an index-only read of the order's index over live customers (it carries the owner), of `size`
 * entries for the administrator, at most `size * windowReach` for a scope. Undefined when fewer are
 * left.
 */
async function windowEnd(
  em: EntityManager,
  order: KeysetOrder,
  after: KeysetPosition | undefined,
  size: number,
  within: FilterQuery<Customer>[],
): Promise<KeysetPosition | undefined> {
  const live: FilterQuery<Customer>[] = [
    { deletedAt: null },
    ...(after ? [beyond(order, after, 'after')] : []),
  ];
  const scope = within.filter((c) => Reflect.ownKeys(c as object).length > 0);
  if (scope.length === 0) return nth(em, order, live, size);
  // A thin scope (a rep with few customers and an empty pool) would walk the whole index to find
  // `size` of them: the walk stops at the `size * windowReach`-th live customer, which is the
  // window's end when the scope holds fewer up to there (a second read, for thin scopes only).
  const reach = size * windowReach;
  return (
    (await nth(em, order, [...live, ...scope, upToNth(order, after, reach)], size)) ??
    (await nth(em, order, live, reach))
  );
}

/**
 * The customers up to the `n`-th live customer after `after` in the order, bound by a subquery the
 * database reads once, before the walk, off the same index. None when fewer than `n` are left.
 */
function upToNth(order: KeysetOrder, after: KeysetPosition | undefined, n: number): FilterQuery<Customer> {
  const { column, direction } = order;
  const past = direction === 'asc' ? '>' : '<';
  const upTo = direction === 'asc' ? '<=' : '>=';
  const nth =
    `select r.${column}, r.id from customer r where r.deleted_at is null` +
    (after ? ` and (r.${column}, r.id) ${past} (?, ?)` : '') +
    ` order by r.${column} ${direction}, r.id ${direction} offset ${n - 1} limit 1`;
  return {
    [raw((a) => `(${a}.${column}, ${a}.id) ${upTo} (${nth})`, after ? [after.value, after.id] : [])]: [],
  };
}

/** The `n`-th customer meeting `where` in the order (its order value and id), if there are `n`. */
async function nth(
  em: EntityManager,
  order: KeysetOrder,
  where: FilterQuery<Customer>[],
  n: number,
): Promise<KeysetPosition | undefined> {
  const [row] = await em.find(
    CustomerSchema,
    { $and: where },
    {
      fields: [order.property, 'id'],
      orderBy: [{ [order.property]: order.direction }, { id: order.direction }],
      offset: n - 1,
      limit: 1,
    },
  );
  return row ? { value: row[order.property], id: row.id } : undefined;
}

/** The customers after `at` in the order, or up to and including it. */
function beyond(order: KeysetOrder, at: KeysetPosition, side: 'after' | 'up to'): FilterQuery<Customer> {
  const ascending = order.direction === 'asc';
  const op = side === 'after' ? (ascending ? '>' : '<') : ascending ? '<=' : '>=';
  return { [raw((a) => `(${a}.${order.column}, ${a}.id) ${op} (?, ?)`, [at.value, at.id])]: [] };
}
