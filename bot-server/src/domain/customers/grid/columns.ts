import { type Customer, type CustomFieldDefinition, customerKinds } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listDefinitions } from '../../custom-fields/definitions.js';

// The columns of the customers grid: every field of a customer a person reads in a list, and one
// column per custom field definition (`cf.<key>`). Each says how it sorts (an SQL expression that
// is never null, so a keyset position is always a value) and how it may be filtered. Which of them
// a viewer sees, sorts and filters by is the field rules' business (ruledField, field-rules.ts).

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

/** How a column orders rows: its SQL over the row's alias, the type a position is compared as. */
export interface ColumnOrder {
  sql(alias: string): string;
  cast: 'text' | 'timestamptz' | 'numeric';
  /** The row's value of `sql`, as a keyset position carries it. */
  valueOf(customer: Customer): string;
}

export interface GridColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** The customer field whose rule governs the column (ruledFields.customer); none for the owner. */
  ruledField?: string;
  /** What a cell edit sends back: a customer field, a custom field's key, or the owner. */
  edit?: { field: string } | { customField: string } | 'owner';
  options?: { value: string; label: string }[];
  /** Absent: the column cannot be sorted by. */
  order?: ColumnOrder;
  /** The custom field's key, for `cf.<key>` columns. */
  customField?: string;
}

const column = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A nullable text field: sorted with the empty ones first (ascending). */
function textColumn(key: keyof Customer & string, label: string): GridColumn {
  return {
    key,
    label,
    type: 'text',
    ruledField: key,
    edit: { field: key },
    order: {
      sql: (a) => `coalesce(${a}."${column(key)}", '')`,
      cast: 'text',
      valueOf: (c) => String(c[key] ?? ''),
    },
  };
}

/** A time; only a nullable one is wrapped (never followed up: first), so the others' indexes serve. */
function timeColumn(key: 'createdAt' | 'updatedAt' | 'lastFollowUpAt', label: string): GridColumn {
  const nullable = key === 'lastFollowUpAt';
  return {
    key,
    label,
    type: 'date',
    order: {
      sql: (a) => (nullable ? `coalesce(${a}."${column(key)}", '-infinity')` : `${a}."${column(key)}"`),
      cast: 'timestamptz',
      valueOf: (c) => c[key]?.toISOString() ?? '-infinity',
    },
  };
}

const kindLabels: Record<(typeof customerKinds)[number], string> = { company: '公司', person: '个人' };

const builtIn: GridColumn[] = [
  {
    key: 'name',
    label: '客户名称',
    type: 'text',
    ruledField: 'name',
    edit: { field: 'name' },
    order: { sql: (a) => `${a}."name"`, cast: 'text', valueOf: (c) => c.name },
  },
  {
    key: 'kind',
    label: '类型',
    type: 'choice',
    ruledField: 'kind',
    edit: { field: 'kind' },
    options: customerKinds.map((value) => ({ value, label: kindLabels[value] })),
    order: { sql: (a) => `${a}."kind"`, cast: 'text', valueOf: (c) => c.kind },
  },
  textColumn('level', '等级'),
  {
    key: 'owner',
    label: '负责人',
    type: 'person',
    edit: 'owner',
    order: {
      sql: (a) => `coalesce((select u."name" from "app_user" u where u."id" = ${a}."owner_id"), '')`,
      cast: 'text',
      valueOf: (c) => c.owner?.name ?? '',
    },
  },
  { key: 'tags', label: '标签', type: 'tags', ruledField: 'tags', edit: { field: 'tagIds' } },
  textColumn('industry', '行业'),
  textColumn('region', '地区'),
  textColumn('city', '城市'),
  textColumn('phone', '电话'),
  textColumn('source', '来源'),
  textColumn('address', '地址'),
  textColumn('creditCode', '统一社会信用代码'),
  timeColumn('lastFollowUpAt', '最近跟进'),
  timeColumn('createdAt', '创建时间'),
  timeColumn('updatedAt', '更新时间'),
];

/** The key, quoted as an SQL literal: keys are letters, digits and underscores (definitions.ts). */
const literal = (key: string) => `'${key.replaceAll("'", "''")}'`;

export function customColumn(d: CustomFieldDefinition): GridColumn {
  const base = {
    key: `cf.${d.key}`,
    label: d.label,
    ruledField: 'customFields',
    edit: { customField: d.key },
    customField: d.key,
  } as const;
  const value = (c: Customer) => c.customFields[d.key];
  switch (d.type) {
    case 'number':
      return {
        ...base,
        type: 'number',
        order: {
          sql: (a) =>
            `coalesce(case when jsonb_typeof(${a}."custom_fields"->${literal(d.key)}) = 'number' then (${a}."custom_fields"->>${literal(d.key)})::numeric end, '-Infinity')`,
          cast: 'numeric',
          valueOf: (c) => (typeof value(c) === 'number' ? String(value(c)) : '-Infinity'),
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
          valueOf: (c) => (value(c) === undefined || value(c) === null ? '' : String(value(c))),
        },
      };
  }
}

/** Every column of the customers grid, the custom fields' after the built-in ones. */
export async function customerGridColumns(em: EntityManager): Promise<GridColumn[]> {
  return [...builtIn, ...(await listDefinitions(em, 'customer')).map(customColumn)];
}
