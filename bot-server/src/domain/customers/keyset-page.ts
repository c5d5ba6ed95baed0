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
   * First look among the next `size` live customers in the list's order (see keysetPage), checking
   * `where` there: the same conditions, in a form read row by row. For a condition that an index on
   * the order cannot serve (a search text); leave out for the others and for the recycle bin.
   */
  window?: { size: number; where: FilterQuery<Customer>[] };
}

/**
 * `limit` customers meeting `where`, in the keyset order (order value, then id) after `after`, and
 * whether more follow.
 *
 * With a window, a search for a common word or a single letter (科技, z: a third of a million
 * customers match) does not sort every match to show the first twenty: the page is first looked for
 * among the next `window.size` live customers in the list's order, a range of the order's index
 * that the database reads and filters row by row (`window.where`). Only when the range holds too
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
  const end = await windowEnd(em, order, after, window.size);
  // The range's end as values, not a subquery: the planner then knows how few rows it holds.
  const windowed = await read(after, [...window.where, ...(end ? [beyond(order, end, 'up to')] : [])], limit);
  if (windowed.more || !end) {
    await em.populate(windowed.items, populate as never);
    return windowed;
  }
  // None in the window: a rare match, which the search indexes gather at little cost, never a walk
  // of the order's index (the planner's guess of a search's share of rows can be a hundred times
  // too high). Some: the planner chooses, with the search and the order's indexes at hand.
  return read(after, where, limit, { related: populate, sortMatches: windowed.items.length === 0 });
}

/**
 * The `size`-th live customer after `after` in the order: an index-only read of the order's index
 * over live customers. Undefined when fewer are left.
 */
async function windowEnd(
  em: EntityManager,
  order: KeysetOrder,
  after: KeysetPosition | undefined,
  size: number,
): Promise<KeysetPosition | undefined> {
  const [row] = await em.find(
    CustomerSchema,
    { $and: [{ deletedAt: null }, ...(after ? [beyond(order, after, 'after')] : [])] },
    {
      fields: [order.property, 'id'],
      orderBy: [{ [order.property]: order.direction }, { id: order.direction }],
      offset: size - 1,
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
