import { CustomerSchema } from '@kelian/orm';
import { type EntityManager, raw } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import { RefusedError } from '../../access/errors.js';
import { refuseHiddenFilters } from '../../access/field-rules.js';
import { mayChange } from '../../access/scope.js';
import {
  type CustomerFilters,
  type CustomerPage,
  customerConditions,
  filteredFields,
  type ListPosition,
} from '../list.js';
import { customerPopulate } from '../store.js';
import { customerGridColumns, type GridColumn } from './columns.js';
import { columnFor, filterCondition, type GridFilter } from './filters.js';

// The desktop grid's page of customers: the list's own conditions (data scope, recycle bin, search
// and the list's filters, list.ts) and then a filter per column and an order by any sortable
// column, paged by keyset on (the column's value, id). The indexed orders (updated_at, created_at,
// name, alone or within one owner or level: the grid's indexes on customer) read their first page
// off an index; any other order sorts the rows the filters leave.

export interface GridQuery extends CustomerFilters {
  filters: GridFilter[];
  /** A column key, ascending; with a leading `-`, descending. */
  sort: string;
  limit: number;
  after?: ListPosition;
}

/** The column and direction of a sort, refusing a column that cannot be sorted by. */
export function sortOf<C extends Pick<GridColumn, 'key' | 'label'> & { order?: object }>(
  columns: readonly C[],
  sort: string,
) {
  const descending = sort.startsWith('-');
  const column = columnFor(columns, descending ? sort.slice(1) : sort);
  if (!column.order) throw new RefusedError('grid-sort-invalid', { label: column.label });
  return { column, order: column.order as NonNullable<C['order']>, descending };
}

/** The fields whose rules a grid query must respect: filtering or sorting by a hidden one is refused. */
export function refuseHiddenColumns(access: Access, columns: readonly GridColumn[], used: readonly string[]) {
  const fields = used.flatMap((key) => columnFor(columns, key).ruledField ?? []);
  refuseHiddenFilters(access, [{ object: 'customer', fields: [...new Set(fields)] }]);
}

export async function gridCustomers(
  em: EntityManager,
  access: Access,
  query: GridQuery,
): Promise<CustomerPage> {
  const columns = await customerGridColumns(em);
  const { column, order, descending } = sortOf(columns, query.sort);
  refuseHiddenColumns(access, columns, [column.key, ...query.filters.map((f) => f.column)]);
  refuseHiddenFilters(access, [{ object: 'customer', fields: filteredFields({ q: query.q }) }]);
  const conditions = [
    ...(await customerConditions(em, access, query)),
    ...query.filters.map((f) => filterCondition(columnFor(columns, f.column), f)),
  ];
  const direction = descending ? 'desc' : 'asc';
  if (query.after) {
    const { value, id } = query.after;
    conditions.push({
      [raw(
        (a) => `(${order.sql(a)}, ${a}."id") ${descending ? '<' : '>'} (?::${order.cast}, ?)`,
        [value, id],
      )]: [],
    });
  }
  const rows = await em.find(
    CustomerSchema,
    { $and: conditions },
    {
      orderBy: [{ [raw((a) => order.sql(a))]: direction }, { id: direction }],
      limit: query.limit + 1,
      populate: customerPopulate,
    },
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return {
    customers: page.map((customer) => ({ customer, changeable: mayChange(access, customer) })),
    ...(more && last ? { next: { value: order.valueOf(last), id: last.id } } : {}),
  };
}
