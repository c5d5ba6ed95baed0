import type { CustomFieldDefinition } from '@kelian/orm';

// The columns of a grid, whatever its rows (customers, leads, deals…): each says how it sorts (an
// SQL expression that is never null, so a keyset position is always a value) and how it may be
// filtered. The builders here are the column shapes every grid shares; which fields a grid lists is
// its own business (customers/grid/columns.ts, leads/grid-columns.ts), and which of them a viewer
// sees, sorts and filters by is the field rules' (ruledField, field-rules.ts).

export type ColumnType = 'text' | 'choice' | 'number' | 'date' | 'person' | 'tags';
export type FilterOp = 'contains' | 'eq' | 'in' | 'gte' | 'lte' | 'empty' | 'has';

export const filterOps: Record<ColumnType, readonly FilterOp[]> = {
  text: ['contains', 'eq', 'empty'],
  choice: ['in', 'empty'],
  number: ['eq', 'gte', 'lte', 'empty'],
  date: ['gte', 'lte', 'empty'],
  person: ['in', 'empty'],
  tags: ['has'],
};

/** As it arrives (a request, a saved view): its op is checked against its column's. */
export interface GridFilter {
  column: string;
  op: string;
  value?: unknown;
}

/** How a column orders rows: its SQL over the row's alias, the type a position is compared as. */
export interface ColumnOrder<R> {
  sql(alias: string): string;
  cast: 'text' | 'timestamptz' | 'numeric' | 'date';
  /** The row's value of `sql`, as a keyset position carries it. */
  valueOf(row: R): string;
}

export interface GridColumn<R = unknown> {
  key: string;
  label: string;
  type: ColumnType;
  /** The field whose rule governs the column (ruledFields of the grid's object); none for the owner. */
  ruledField?: string;
  /** What a cell edit sends back: a field, a custom field's key, the owner, or a deal's stage move. */
  edit?: { field: string } | { customField: string } | 'owner' | 'stage';
  options?: { value: string; label: string }[];
  /** Absent: the column cannot be sorted by. */
  order?: ColumnOrder<R>;
  /** Fewer filters than its type allows (a value masked to some viewers cannot be searched). */
  ops?: readonly FilterOp[];
  /** The custom field's key, for `cf.<key>` columns. */
  customField?: string;
  /**
   * The column's own filter, for a value the shared ones cannot reach (another row's, a day, a
   * number of the row): a query condition over the grid's rows, after its ops were checked.
   */
  condition?: (column: GridColumn<never>, filter: GridFilter) => Record<string, unknown>;
}

/** The filters a column takes. */
export const opsOf = (column: GridColumn<never>): readonly FilterOp[] => column.ops ?? filterOps[column.type];

const sqlName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A nullable text field, edited in place: sorted with the empty ones first (ascending). */
export function textColumn<R>(key: keyof R & string, label: string): GridColumn<R> {
  return {
    key,
    label,
    type: 'text',
    ruledField: key,
    edit: { field: key },
    order: {
      sql: (a) => `coalesce(${a}."${sqlName(key)}", '')`,
      cast: 'text',
      valueOf: (row) => String(row[key] ?? ''),
    },
  };
}

/** A time; only a nullable one is wrapped (never set: first), so the others' indexes serve. */
export function timeColumn<R>(
  key: keyof R & string,
  label: string,
  { nullable = false }: { nullable?: boolean } = {},
): GridColumn<R> {
  return {
    key,
    label,
    type: 'date',
    order: {
      sql: (a) => (nullable ? `coalesce(${a}."${sqlName(key)}", '-infinity')` : `${a}."${sqlName(key)}"`),
      cast: 'timestamptz',
      valueOf: (row) => (row[key] as Date | null | undefined)?.toISOString() ?? '-infinity',
    },
  };
}

/** The person a row belongs to (`owner`), sorted by name, the pool (no one) first; changed by a hand-over. */
export function ownerColumn<R extends { owner?: { name: string } | null }>(): GridColumn<R> {
  return {
    key: 'owner',
    label: '负责人',
    type: 'person',
    edit: 'owner',
    order: {
      sql: (a) => `coalesce((select u."name" from "app_user" u where u."id" = ${a}."owner_id"), '')`,
      cast: 'text',
      valueOf: (row) => row.owner?.name ?? '',
    },
  };
}

/** The key, quoted as an SQL literal: keys are letters, digits and underscores (definitions.ts). */
const literal = (key: string) => `'${key.replaceAll("'", "''")}'`;

/**
 * The column of a custom field (`cf.<key>`), over the row's `custom_fields`. `ruled`: the field whose
 * rule governs custom fields on this object, and that they are edited in place; none for an object
 * whose custom fields the grid only shows.
 */
export function customColumn<R extends { customFields: Record<string, unknown> }>(
  d: CustomFieldDefinition,
  ruled?: { ruledField: string },
): GridColumn<R> {
  const base = {
    key: `cf.${d.key}`,
    label: d.label,
    customField: d.key,
    ...(ruled && { ruledField: ruled.ruledField, edit: { customField: d.key } }),
  };
  const value = (row: R) => row.customFields[d.key];
  switch (d.type) {
    case 'number':
      return {
        ...base,
        type: 'number',
        order: {
          sql: (a) =>
            `coalesce(case when jsonb_typeof(${a}."custom_fields"->${literal(d.key)}) = 'number' then (${a}."custom_fields"->>${literal(d.key)})::numeric end, '-Infinity')`,
          cast: 'numeric',
          valueOf: (row) => (typeof value(row) === 'number' ? String(value(row)) : '-Infinity'),
        },
      };
    case 'multi_select':
      return { ...base, type: 'tags', options: d.options.map((o) => ({ value: o, label: o })) };
    default:
      return {
        ...base,
        type: d.type === 'select' ? 'choice' : d.type === 'date' ? 'date' : 'text',
        ...(d.type === 'select' && { options: d.options.map((o) => ({ value: o, label: o })) }),
        order: {
          sql: (a) => `coalesce(${a}."custom_fields"->>${literal(d.key)}, '')`,
          cast: 'text',
          valueOf: (row) => (value(row) === undefined || value(row) === null ? '' : String(value(row))),
        },
      };
  }
}
