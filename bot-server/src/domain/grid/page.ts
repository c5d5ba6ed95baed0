import { type EntityManager, type EntityName, type FilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { RefusedError } from '../access/errors.js';
import { refuseHiddenFilters } from '../access/field-rules.js';
import type { RuledObject } from '../access/fields.js';
import type { GridColumn } from './columns.js';
import { columnFor, filterCondition, type GridFilter } from './filters.js';

// A grid's page: the rows its own conditions leave (data scope, search: the grid's business), then
// a filter per column and an order by any sortable column, paged by keyset on (the column's value,
// id). An order an index serves reads its first page off the index; any other sorts what is left.

/** Where a page ends: the sort value of its last row, and its id to break ties. */
export interface GridPosition {
  value: string;
  id: number;
}

export interface GridQuery {
  filters: GridFilter[];
  /** A column key, ascending; with a leading `-`, descending. */
  sort: string;
  limit: number;
  after?: GridPosition;
}

/** The column and direction of a sort, refusing a column that cannot be sorted by. */
export function sortOf<R>(columns: readonly GridColumn<R>[], sort: string) {
  const descending = sort.startsWith('-');
  const column = columnFor(columns, descending ? sort.slice(1) : sort);
  if (!column.order) throw new RefusedError('grid-sort-invalid', { label: column.label });
  return { column, order: column.order, descending };
}

/** Filtering or sorting by a field the viewer's rules hide (or mask) is refused, naming it. */
export function refuseHiddenColumns<R>(
  access: Access,
  object: RuledObject,
  columns: readonly GridColumn<R>[],
  used: readonly string[],
) {
  const fields = used.flatMap((key) => columnFor(columns, key).ruledField ?? []);
  refuseHiddenFilters(access, [{ object, fields: [...new Set(fields)] }]);
}

export interface GridSource<R> {
  entity: EntityName<R>;
  /** Whose field rules govern the columns. */
  object: RuledObject;
  columns: readonly GridColumn<R>[];
  populate: readonly string[];
}

export async function gridPage<R extends { id: number }>(
  em: EntityManager,
  access: Access,
  source: GridSource<R>,
  conditions: FilterQuery<R>[],
  query: GridQuery,
): Promise<{ rows: R[]; next?: GridPosition }> {
  const { columns } = source;
  const { column, order, descending } = sortOf(columns, query.sort);
  refuseHiddenColumns(access, source.object, columns, [column.key, ...query.filters.map((f) => f.column)]);
  const all = [...conditions, ...query.filters.map((f) => filterCondition(columnFor(columns, f.column), f))];
  const direction = descending ? 'desc' : 'asc';
  if (query.after) {
    const { value, id } = query.after;
    all.push({
      [raw(
        (a) => `(${order.sql(a)}, ${a}."id") ${descending ? '<' : '>'} (?::${order.cast}, ?)`,
        [value, id],
      )]: [],
    } as FilterQuery<R>);
  }
  const rows = await em.find(
    source.entity,
    { $and: all } as FilterQuery<R>,
    {
      orderBy: [{ [raw((a) => order.sql(a))]: direction }, { id: direction }],
      limit: query.limit + 1,
      populate: source.populate,
    } as never,
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return { rows: page, ...(more && last ? { next: { value: order.valueOf(last), id: last.id } } : {}) };
}
