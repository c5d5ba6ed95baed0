import { type Customer, customerKinds } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listDefinitions } from '../../custom-fields/definitions.js';
import { customColumn, type GridColumn, ownerColumn, textColumn, timeColumn } from '../../grid/columns.js';
import { idValues } from '../../grid/filters.js';
import { taggedWith } from '../tagged-with.js';

// The columns of the customers grid: every field of a customer a person reads in a list, and one
// column per custom field definition (`cf.<key>`), edited in place under the customFields rule.

const kindLabels: Record<(typeof customerKinds)[number], string> = { company: '公司', person: '个人' };

const builtIn: GridColumn<Customer>[] = [
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
  textColumn<Customer>('level', '等级'),
  ownerColumn(),
  {
    key: 'tags',
    label: '标签',
    type: 'tags',
    ruledField: 'tags',
    edit: { field: 'tagIds' },
    condition: (column, filter) => ({ $and: idValues(column, filter).map(taggedWith) }),
  },
  textColumn<Customer>('industry', '行业'),
  textColumn<Customer>('region', '地区'),
  textColumn<Customer>('city', '城市'),
  textColumn<Customer>('phone', '电话'),
  textColumn<Customer>('source', '来源'),
  textColumn<Customer>('address', '地址'),
  textColumn<Customer>('creditCode', '统一社会信用代码'),
  timeColumn<Customer>('lastFollowUpAt', '最近跟进', { nullable: true }),
  timeColumn<Customer>('createdAt', '创建时间'),
  timeColumn<Customer>('updatedAt', '更新时间'),
];

/** Every column of the customers grid, the custom fields' after the built-in ones. */
export async function customerGridColumns(em: EntityManager): Promise<GridColumn<Customer>[]> {
  const custom = await listDefinitions(em, 'customer');
  return [...builtIn, ...custom.map((d) => customColumn<Customer>(d, { ruledField: 'customFields' }))];
}
