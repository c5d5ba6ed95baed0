import { CustomerSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import { refuseHiddenFilters } from '../../access/field-rules.js';
import { mayChange } from '../../access/scope.js';
import { type GridQuery, gridPage } from '../../grid/page.js';
import { type CustomerFilters, type CustomerPage, customerConditions, filteredFields } from '../list.js';
import { customerPopulate } from '../store.js';
import { customerGridColumns } from './columns.js';

// The desktop grid's page of customers: the list's own conditions (data scope, recycle bin, search
// and the list's filters, list.ts), then the grid's column filters and order (grid/page.ts). The
// indexed orders (updated_at, created_at, name, alone or within one owner or level: the grid's
// indexes on customer) read their first page off an index.

export async function gridCustomers(
  em: EntityManager,
  access: Access,
  query: GridQuery & CustomerFilters,
): Promise<CustomerPage> {
  refuseHiddenFilters(access, [{ object: 'customer', fields: filteredFields({ q: query.q }) }]);
  const source = {
    entity: CustomerSchema,
    object: 'customer',
    columns: await customerGridColumns(em),
    populate: customerPopulate,
  } as const;
  const { rows, next } = await gridPage(
    em,
    access,
    source,
    await customerConditions(em, access, query),
    query,
  );
  return {
    customers: rows.map((customer) => ({ customer, changeable: mayChange(access, customer) })),
    ...(next && { next }),
  };
}
