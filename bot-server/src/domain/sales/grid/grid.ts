import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import { refuseHiddenFilters } from '../../access/field-rules.js';
import { opportunityScope } from '../../access/scope.js';
import { type GridQuery, gridPage } from '../../grid/page.js';
import { containsPattern } from '../../lists/contains.js';
import { opportunityPopulate } from '../store.js';
import { dealGridColumns } from './columns.js';

// The desktop grid's page of deals: the deals the viewer can see (data scope, recycle bin, the
// customer's recycle bin, scope.ts) and a search on the name, then the grid's column filters and
// order (grid/page.ts). Ordered by updated_at, created_at, name or amount, alone or within one owner
// or stage, the first page is read off an index.

export async function gridDeals(em: EntityManager, access: Access, query: GridQuery & { q?: string }) {
  // Searching a hidden name would tell its values by elimination.
  if (query.q) refuseHiddenFilters(access, [{ object: 'opportunity', fields: ['name'] }]);
  const conditions: FilterQuery<Opportunity>[] = [
    opportunityScope(access, 'read'),
    ...(query.q ? [{ name: { $ilike: containsPattern(query.q) } }] : []),
  ];
  const source = {
    entity: OpportunitySchema,
    object: 'opportunity',
    columns: await dealGridColumns(em),
    populate: opportunityPopulate,
  } as const;
  return gridPage(em, access, source, conditions, query);
}
