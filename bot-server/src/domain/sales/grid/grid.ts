import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import { type EntityManager, type FilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import { refuseHiddenFilters } from '../../access/field-rules.js';
import { opportunityScope } from '../../access/scope.js';
import { columnFor, type GridFilter } from '../../customers/grid/filters.js';
import { sortOf } from '../../customers/grid/grid.js';
import type { ListPosition } from '../../customers/list.js';
import { likeOf } from '../list.js';
import { opportunityPopulate } from '../store.js';
import { dealGridColumns } from './columns.js';
import { dealFilterCondition } from './filters.js';

// The desktop grid's page of deals: the deals the viewer can see (data scope, recycle bin, the
// customer's recycle bin, scope.ts), a search on the name, a filter per column and an order by any
// sortable column, paged by keyset on (the column's value, id), as the customers grid pages.

export interface DealGridQuery {
  q?: string;
  filters: GridFilter[];
  /** A column key, ascending; with a leading `-`, descending. */
  sort: string;
  limit: number;
  after?: ListPosition;
}

export interface DealGridPage {
  deals: Opportunity[];
  next?: ListPosition;
}

export async function gridDeals(
  em: EntityManager,
  access: Access,
  query: DealGridQuery,
): Promise<DealGridPage> {
  const columns = await dealGridColumns(em);
  const { column, order, descending } = sortOf(columns, query.sort);
  const used = [column, ...query.filters.map((f) => columnFor(columns, f.column))];
  // Filtering or sorting by a hidden field would tell its values by elimination.
  const ruled = used.flatMap((c) => c.ruledField ?? []);
  refuseHiddenFilters(access, [
    { object: 'opportunity', fields: new Set([...ruled, ...(query.q ? ['name'] : [])]) },
  ]);
  const conditions: FilterQuery<Opportunity>[] = [
    opportunityScope(access, 'read'),
    ...(query.q ? [{ name: { $ilike: likeOf(query.q) } }] : []),
    ...query.filters.map((f) => dealFilterCondition(columnFor(columns, f.column), f)),
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
    OpportunitySchema,
    { $and: conditions },
    {
      orderBy: [{ [raw((a) => order.sql(a))]: direction }, { id: direction }],
      limit: query.limit + 1,
      populate: opportunityPopulate,
    },
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return { deals: page, ...(more && last ? { next: { value: order.valueOf(last), id: last.id } } : {}) };
}
