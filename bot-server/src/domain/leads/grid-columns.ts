import { type Lead, type LeadStatus, leadStatuses } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listDefinitions } from '../custom-fields/definitions.js';
import { customColumn, type GridColumn, ownerColumn, textColumn, timeColumn } from '../grid/columns.js';

// The columns of the leads grid. Its contents are edited in place (the lead's PATCH: the owner's, under
// the field rules), its owner by a hand-over (batch.ts, for whoever may reassign leads); its status
// changes by what is done with a lead (claim, back to the pool, invalid), so it is no cell to type in. The contact's mobile of a lead still
// waiting to be claimed is masked to everyone, and so is the email (record.ts): searching or sorting by
// them would tell them digit by digit, so they are only filtered as empty or not. Custom fields of leads are shown,
// sorted and filtered; the lead's form edits them.

export const leadStatusLabels: Record<LeadStatus, string> = {
  new: '待认领',
  claimed: '已认领',
  converted: '已转化',
  invalid: '无效',
};

/** A contact's number or address: masked until claimed, so neither sorted nor searched. */
const untilClaimed = (key: 'mobile' | 'email', label: string): GridColumn<Lead> => ({
  key,
  label,
  type: 'text',
  ruledField: key,
  edit: { field: key },
  ops: ['empty'],
});

const builtIn: GridColumn<Lead>[] = [
  {
    ...textColumn<Lead>('company', '公司'),
    order: { sql: (a) => `${a}."company"`, cast: 'text', valueOf: (l) => l.company },
  },
  textColumn<Lead>('contactName', '联系人'),
  untilClaimed('mobile', '手机'),
  {
    key: 'status',
    label: '状态',
    type: 'choice',
    options: leadStatuses.map((value) => ({ value, label: leadStatusLabels[value] })),
    order: { sql: (a) => `${a}."status"`, cast: 'text', valueOf: (l) => l.status },
  },
  ownerColumn(),
  textColumn<Lead>('source', '来源'),
  textColumn<Lead>('region', '地区'),
  textColumn<Lead>('industry', '行业'),
  untilClaimed('email', '邮箱'),
  timeColumn<Lead>('lastActivityAt', '最近跟进'),
  timeColumn<Lead>('createdAt', '创建时间'),
  timeColumn<Lead>('updatedAt', '更新时间'),
];

/** Every column of the leads grid, the custom fields' after the built-in ones. */
export async function leadGridColumns(em: EntityManager): Promise<GridColumn<Lead>[]> {
  return [...builtIn, ...(await listDefinitions(em, 'lead')).map((d) => customColumn<Lead>(d))];
}
