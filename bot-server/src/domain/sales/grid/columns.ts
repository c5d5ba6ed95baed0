import { type Opportunity, opportunityStatuses } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listDefinitions } from '../../custom-fields/definitions.js';
import { customColumn, type GridColumn, timeColumn } from '../../grid/columns.js';
import { activeStages } from '../stages.js';
import { dealConditions } from './filters.js';

// The columns of the deals grid (grid/columns.ts): each says how it sorts (an SQL expression never
// null, so a keyset position is always a value) and how it is filtered (the shared filters, or the
// deal's own: filters.ts). The ruled ones (name, amount, expected date) go by the opportunity's
// field rules. A cell edit is the deal's PATCH for a field, the stage move for the stage; deals'
// custom fields are shown, not edited in the grid.

type DealColumn = GridColumn<Opportunity>;

const statusLabels: Record<(typeof opportunityStatuses)[number], string> = {
  open: '进行中',
  won: '赢单',
  lost: '输单',
};

/** A value of another row: the deal's customer, owner or stage. */
const of = (table: string, column: string, key: string) => (a: string) =>
  `(select t."${column}" from "${table}" t where t."id" = ${a}."${key}")`;

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
      condition: dealConditions.customer,
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
      condition: dealConditions.amountCents,
      order: { sql: (a) => `${a}."amount_cents"`, cast: 'numeric', valueOf: (d) => String(d.amountCents) },
    },
    {
      key: 'expectedCloseDate',
      label: '预计成交日期',
      type: 'date',
      ruledField: 'expectedCloseDate',
      edit: { field: 'expectedCloseDate' },
      condition: dealConditions.expectedCloseDate,
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
      condition: dealConditions.probability,
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
    timeColumn<Opportunity>('createdAt', '创建时间'),
    timeColumn<Opportunity>('updatedAt', '更新时间'),
  ];
}

/** Every column of the deals grid, the custom fields' after the built-in ones. */
export async function dealGridColumns(em: EntityManager): Promise<DealColumn[]> {
  const custom = await listDefinitions(em, 'opportunity');
  return [...(await builtIn(em)), ...custom.map((d) => customColumn<Opportunity>(d))];
}
