import { type FilterQuery, raw } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import { containsPattern } from '../lists/contains.js';
import { type FilterOp, type GridColumn, type GridFilter, opsOf } from './columns.js';

export type { GridFilter };

// A column filter of the grid as a query condition. Values arrive as JSON from anywhere (a request,
// a saved view): each is checked against its column's type, and one that does not fit is refused
// with the column's name rather than reaching the database.

/** The column named `key`, or a refusal naming it. */
export function columnFor<R>(columns: readonly GridColumn<R>[], key: string): GridColumn<R> {
  const found = columns.find((c) => c.key === key);
  if (!found) throw new RefusedError('grid-column-unknown', { column: key });
  return found;
}

export const refuseValue = (column: GridColumn<never>, filter: GridFilter): never => {
  throw new RefusedError('grid-filter-invalid', { label: column.label, op: filter.op });
};

const texts = (column: GridColumn<never>, filter: GridFilter, max = 200): string[] => {
  const list = Array.isArray(filter.value) ? filter.value : [filter.value];
  if (list.length === 0 || list.length > 50) refuseValue(column, filter);
  return list.map((v) => (typeof v === 'string' && v.length <= max ? v : refuseValue(column, filter)));
};
export const oneText = (column: GridColumn<never>, filter: GridFilter) => {
  if (Array.isArray(filter.value)) refuseValue(column, filter);
  return texts(column, filter)[0]!;
};

export const idValues = (column: GridColumn<never>, filter: GridFilter): number[] => {
  const list = Array.isArray(filter.value) ? filter.value : [filter.value];
  if (list.length === 0 || list.length > 50) refuseValue(column, filter);
  return list.map((v) =>
    Number.isInteger(v) && (v as number) > 0 ? (v as number) : refuseValue(column, filter),
  );
};

export const number = (column: GridColumn<never>, filter: GridFilter): number =>
  typeof filter.value === 'number' && Number.isFinite(filter.value)
    ? filter.value
    : refuseValue(column, filter);

/** A day (`2026-12-06`, custom date fields) or an instant with its offset (built-in times). */
function time(column: GridColumn<never>, filter: GridFilter): string {
  const value = oneText(column, filter);
  const valid = column.customField
    ? /^\d{4}-\d{2}-\d{2}$/.test(value)
    : /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
  return valid ? value : refuseValue(column, filter);
}

// Conditions are built untyped and typed once, for the grid's rows, by filterCondition: a column's
// key is a property of those rows (a grid lists only its rows' fields).
type Condition = Record<string, unknown>;

const sqlCondition = (sql: (alias: string) => string, params: unknown[] = []): Condition => ({
  [raw(sql, params)]: [],
});

export function filterCondition<R>(column: GridColumn<R>, filter: GridFilter): FilterQuery<R> {
  return condition(column as GridColumn<never>, filter) as FilterQuery<R>;
}

function condition(column: GridColumn<never>, filter: GridFilter): Condition {
  if (!opsOf(column).includes(filter.op as FilterOp)) refuseValue(column, filter);
  if (column.condition) return column.condition(column, filter);
  if (column.customField !== undefined) return customFieldCondition(column, column.customField, filter);
  switch (column.type) {
    case 'person':
      return filter.op === 'empty' ? { owner: null } : { owner: { $in: idValues(column, filter) } };
    default:
      return builtInCondition(column, filter);
  }
}

function builtInCondition(column: GridColumn<never>, filter: GridFilter): Condition {
  const key = column.key;
  switch (filter.op) {
    case 'empty':
      return column.type === 'text' ? { $or: [{ [key]: null }, { [key]: '' }] } : { [key]: null };
    case 'contains':
      return { [key]: { $ilike: containsPattern(oneText(column, filter)) } };
    case 'eq':
      return { [key]: oneText(column, filter) };
    case 'in': {
      const values = texts(column, filter);
      if (column.options && values.some((v) => !column.options?.some((o) => o.value === v)))
        refuseValue(column, filter);
      return { [key]: { $in: values } };
    }
    case 'gte':
      return { [key]: { $gte: new Date(time(column, filter)) } };
    case 'lte':
      return { [key]: { $lte: new Date(time(column, filter)) } };
    default:
      return refuseValue(column, filter);
  }
}

function customFieldCondition(column: GridColumn<never>, key: string, filter: GridFilter): Condition {
  const text = (a: string) => `(${a}."custom_fields"->>?)`;
  const numeric = (a: string) =>
    `(case when jsonb_typeof(${a}."custom_fields"->?) = 'number' then (${a}."custom_fields"->>?)::numeric end)`;
  switch (filter.op) {
    case 'empty':
      return sqlCondition((a) => `coalesce(${text(a)}, '') = ''`, [key]);
    case 'contains':
      return sqlCondition((a) => `${text(a)} ilike ?`, [key, containsPattern(oneText(column, filter))]);
    case 'eq':
      return column.type === 'number'
        ? sqlCondition((a) => `${numeric(a)} = ?`, [key, key, number(column, filter)])
        : sqlCondition((a) => `${text(a)} = ?`, [key, oneText(column, filter)]);
    case 'in': {
      const values = texts(column, filter);
      return sqlCondition((a) => `${text(a)} in (${values.map(() => '?').join(', ')})`, [key, ...values]);
    }
    case 'has':
      return sqlCondition(
        (a) => `${a}."custom_fields"->? @> ?::jsonb`,
        [key, JSON.stringify(texts(column, filter))],
      );
    case 'gte':
    case 'lte': {
      const sign = filter.op === 'gte' ? '>=' : '<=';
      return column.type === 'number'
        ? sqlCondition((a) => `${numeric(a)} ${sign} ?`, [key, key, number(column, filter)])
        : sqlCondition((a) => `${text(a)} ${sign} ?`, [key, time(column, filter)]);
    }
    default:
      return refuseValue(column, filter);
  }
}
