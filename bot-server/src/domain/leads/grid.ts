import { type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { type GridQuery, gridPage } from '../grid/page.js';
import { leadGridColumns } from './grid-columns.js';
import { leadSearch } from './list.js';
import { leadScope } from './scope.js';
import { leadPopulate } from './store.js';

// The desktop grid's page of leads: those the user sees (scope.ts: their own, their scope's, the
// unclaimed ones of their teams and the pool), a search on company and contact like the list's,
// then the grid's column filters and order (grid/page.ts). Ordered by updated_at, created_at or
// company, alone or within one status or owner, the first page is read off an index.

export async function gridLeads(em: EntityManager, acting: Acting, query: GridQuery & { q?: string }) {
  const conditions: FilterQuery<Lead>[] = [
    leadScope(acting.access, acting.user.department?.path ?? null),
    leadSearch(query.q),
  ];
  const source = {
    entity: LeadSchema,
    object: 'lead',
    columns: await leadGridColumns(em),
    populate: leadPopulate,
  } as const;
  return gridPage(em, acting.access, source, conditions, query);
}
