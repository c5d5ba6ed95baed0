import { type Customer, type Opportunity, opportunityStatuses } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listDefinitions } from '../../custom-fields/definitions.js';
import { customColumn, type GridColumn } from '../../customers/grid/columns.js';
import { activeStages } from '../stages.js';

// The columns of the deals grid, like the customers grid's (customers/grid/columns.ts): each says
// how it sorts (an SQL expression never null, so a keyset position is always a value) and how it is
// filtered (filters.ts). The ruled ones (name, amount, expected date) go by the opportunity's field
// rules.

/** How a column orders deals: its SQL over the deal's alias, the type a position is compared as. */
export interface DealOrder {
  sql(alias: string): string;
  cast: 'text' | 'timestamptz' | 'numeric' | 'date';
  /** The deal's value of `sql`, as a keyset position carries it. */
  valueOf(deal: Opportunity): string;
}

export interface DealColumn extends Omit<GridColumn, 'order' | 'edit'> {
  order?: DealOrder;
  /** A cell edit: the deal's PATCH for a field, the stage move for the stage. */
  edit?: { field: 'name' | 'amountCents' | 'expectedCloseDate' } | 'stage';
}

const statusLabels: Record<(typeof opportunityStatuses)[number], string> = {
  open: '进行中',
  won: '赢单',
  lost: '输单',
};

/** A value of another row: the deal's customer, owner or stage. */
const of = (table: string, column: string, key: string) => (a: string) =>
  `(select t."${column}" from "${table}" t where t."id" = ${a}."${key}")`;

const time = (key: 'createdAt' | 'updatedAt', label: string, column: string): DealColumn => ({
  key,
  label,
  type: 'date',
  order: { sql: (a) => `${a}."${column}"`, cast: 'timestamptz', valueOf: (d) => d[key].toISOString() },
});

async function builtIn(em: EntityManager): Promise<DealColumn[]> {
  const stages = await activeStages(em);
  return [
    {
      key: 'name',
      label: '商机名称',
      type: 'text',
      ruledField: 'name',
      edit: { field: 'name' },
      order: { sql: (a) => `${a}."name"`, cast: 'text', valueOf: (d) => d.name },
    },
    {
      key: 'customer',
      label: '客户',
      type: 'text',
      order: { sql: of('customer', 'name', 'customer_id'), cast: 'text', valueOf: (d) => d.customer.name },
    },
    {
      key: 'stage',
      label: '阶段',
      type: 'choice',
      edit: 'stage',
      options: stages.map((s) => ({ value: String(s.id), label: s.name })),
      order: {
        sql: of('pipeline_stage', 'position', 'stage_id'),
        cast: 'numeric',
        valueOf: (d) => String(d.stage.position),
      },
    },
    {
      key: 'amountCents',
      label: '金额',
      type: 'number',
      ruledField: 'amountCents',
      edit: { field: 'amountCents' },
      order: { sql: (a) => `${a}."amount_cents"`, cast: 'numeric', valueOf: (d) => String(d.amountCents) },
    },
    {
      key: 'expectedCloseDate',
      label: '预计成交日期',
      type: 'date',
      ruledField: 'expectedCloseDate',
      edit: { field: 'expectedCloseDate' },
      order: {
        sql: (a) => `coalesce(${a}."expected_close_date", '-infinity'::date)`,
        cast: 'date',
        valueOf: (d) => d.expectedCloseDate ?? '-infinity',
      },
    },
    {
      key: 'owner',
      label: '负责人',
      type: 'person',
      order: {
        sql: (a) => `coalesce(${of('app_user', 'name', 'owner_id')(a)}, '')`,
        cast: 'text',
        valueOf: (d) => d.owner?.name ?? '',
      },
    },
    {
      key: 'probability',
      label: '赢率',
      type: 'number',
      order: {
        sql: of('pipeline_stage', 'probability', 'stage_id'),
        cast: 'numeric',
        valueOf: (d) => String(d.stage.probability),
      },
    },
    {
      key: 'status',
      label: '状态',
      type: 'choice',
      options: opportunityStatuses.map((value) => ({ value, label: statusLabels[value] })),
      order: { sql: (a) => `${a}."status"`, cast: 'text', valueOf: (d) => d.status },
    },
    time('createdAt', '创建时间', 'created_at'),
    time('updatedAt', '更新时间', 'updated_at'),
  ];
}

/**
 * A custom field's column as the customers grid makes it: its order reads only `customFields`,
 * which a deal has as well. Deals' custom fields are shown, not edited in the grid.
 */
function customDealColumn(...args: Parameters<typeof customColumn>): DealColumn {
  const { order, edit: _, ...column } = customColumn(...args);
  return {
    ...column,
    ...(order && {
      order: {
        ...order,
        valueOf: (d: Opportunity) => order.valueOf({ customFields: d.customFields } as Customer),
      },
    }),
  };
}

/** Every column of the deals grid, the custom fields' after the built-in ones. */
export async function dealGridColumns(em: EntityManager): Promise<DealColumn[]> {
  return [...(await builtIn(em)), ...(await listDefinitions(em, 'opportunity')).map(customDealColumn)];
}
