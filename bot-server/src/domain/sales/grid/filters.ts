import type { Opportunity } from '@kelian/orm';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { GridColumn } from '../../customers/grid/columns.js';
import {
  filterCondition,
  type GridFilter,
  number,
  oneText,
  refuseValue,
} from '../../customers/grid/filters.js';
import { likeOf } from '../list.js';
import type { DealColumn } from './columns.js';

// A column filter of the deals grid as a query condition. The deal's own text, choice, person and
// time columns and its custom fields filter as the customers grid's do (customers/grid/filters.ts);
// the columns it does not know (a number of the deal, a day, another row's value) are here, each
// value checked against its column before it reaches the database.

type Condition = (column: GridColumn, filter: GridFilter) => FilterQuery<Opportunity>;

/** A day, as an expected close date is: `2026-12-31`. */
function day(column: GridColumn, filter: GridFilter): string {
  const value = oneText(column, filter);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
    ? value
    : refuseValue(column, filter);
}

/** eq, gte, lte and empty on a number; `zero` is what an unfilled value is. */
const numeric =
  (at: (value: unknown) => FilterQuery<Opportunity>, zero: unknown): Condition =>
  (column, filter) => {
    switch (filter.op) {
      case 'empty':
        return at(zero);
      case 'eq':
        return at(number(column, filter));
      case 'gte':
        return at({ $gte: number(column, filter) });
      case 'lte':
        return at({ $lte: number(column, filter) });
      default:
        return refuseValue(column, filter);
    }
  };

const own: Record<string, Condition> = {
  customer: (column, filter) => {
    switch (filter.op) {
      case 'contains':
        return { customer: { name: { $ilike: likeOf(oneText(column, filter)) } } };
      case 'eq':
        return { customer: { name: oneText(column, filter) } };
      default:
        // A deal always has its customer: no customer's name is empty.
        return filter.op === 'empty' ? { id: { $in: [] } } : refuseValue(column, filter);
    }
  },
  // An amount not filled in is 0 (integer cents, never null).
  amountCents: numeric((v) => ({ amountCents: v }) as FilterQuery<Opportunity>, 0),
  probability: numeric((v) => ({ stage: { probability: v } }) as FilterQuery<Opportunity>, 0),
  expectedCloseDate: (column, filter) => {
    switch (filter.op) {
      case 'empty':
        return { expectedCloseDate: null };
      case 'gte':
        return { expectedCloseDate: { $gte: day(column, filter) } };
      case 'lte':
        return { expectedCloseDate: { $lte: day(column, filter) } };
      default:
        return refuseValue(column, filter);
    }
  },
};

export function dealFilterCondition(column: DealColumn, filter: GridFilter): FilterQuery<Opportunity> {
  const { order: _, edit: __, ...plain } = column;
  const condition = own[column.key];
  if (!condition) return filterCondition(plain, filter) as FilterQuery<Opportunity>;
  return condition(plain, filter);
}
