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
 * that the database reads and filters row by row (`window.where`), then in longer ranges after it
 * while they hold matches (throughWindows). Only when the first range holds none, or the ranges
 * together too few (a rare name, a phone number: the search indexes find those few cheaply), are
 * all the matches gathered and sorted. Each range starts where the one before ends, the first where
 * the page starts, so what they find comes first in the order: the page is the same either way.
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
  const page = window && (await throughWindows(em, order, after, window, limit, read));
  if (!page) return read(after, where, limit, { related: populate, sortMatches: Boolean(window) });
  await em.populate(page.items, populate as never);
  return page;
}

type Read = (
  from: KeysetPosition | undefined,
  conditions: FilterQuery<Customer>[],
  count: number,
) => Promise<{ items: Customer[]; more: boolean }>;

/**
 * The page from windows of customers in the list's order, each twice as long as the one before, as
 * long as they hold some matches; undefined when they do not fill the page: the matches are too rare
 * for a walk, the search indexes find them all at less cost.
 */
async function throughWindows(
  em: EntityManager,
  order: KeysetOrder,
  after: KeysetPosition | undefined,
  window: NonNullable<KeysetPageQuery['window']>,
  limit: number,
  read: Read,
): Promise<{ items: Customer[]; more: boolean } | undefined> {
  const found: Customer[] = [];
  let from = after;
  let walked = 0;
  for (let size = window.size; ; size *= 2) {
    const end = await windowEnd(em, order, from, size);
    // The range's end as values, not a subquery: the planner then knows how few rows it holds.
    const part = await read(
      from,
      [...window.where, ...(end ? [beyond(order, end, 'up to')] : [])],
      limit - found.length,
    );
    found.push(...part.items);
    if (part.more || !end) return { items: found, more: part.more };
    walked += size;
    // None in the first window: a rare match. Some: on, up to eight windows' worth of customers.
    if (found.length === 0 || walked >= window.size * 8) return undefined;
    from = end;
  }
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
