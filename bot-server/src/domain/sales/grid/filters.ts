import type { GridColumn } from '../../grid/columns.js';
import { type GridFilter, number, oneText, refuseValue } from '../../grid/filters.js';
import { containsPattern } from '../../lists/contains.js';

// The deals grid's own column filters (a column's `condition`). The deal's text, choice, person and
// time columns and its custom fields filter as every grid's do (grid/filters.ts); the ones the
// shared filters do not know (a number of the deal, a day, another row's value) are here, each value
// checked against its column before it reaches the database.

type Condition = NonNullable<GridColumn['condition']>;

/** A day, as an expected close date is: `2026-12-31`. */
function day(column: GridColumn<never>, filter: GridFilter): string {
  const value = oneText(column, filter);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
    ? value
    : refuseValue(column, filter);
}

/** eq, gte, lte and empty on a number; `zero` is what an unfilled value is. */
const numeric =
  (at: (value: unknown) => Record<string, unknown>, zero: unknown): Condition =>
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

export const dealConditions = {
  customer: (column, filter) => {
    switch (filter.op) {
      case 'contains':
        return { customer: { name: { $ilike: containsPattern(oneText(column, filter)) } } };
      case 'eq':
        return { customer: { name: oneText(column, filter) } };
      default:
        // A deal always has its customer: no customer's name is empty.
        return filter.op === 'empty' ? { id: { $in: [] } } : refuseValue(column, filter);
    }
  },
  // An amount not filled in is 0 (integer cents, never null).
  amountCents: numeric((v) => ({ amountCents: v }), 0),
  probability: numeric((v) => ({ stage: { probability: v } }), 0),
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
} satisfies Record<string, Condition>;
