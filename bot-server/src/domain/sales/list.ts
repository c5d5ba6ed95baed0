import { type Opportunity, OpportunitySchema, type OpportunityStatus } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { refuseHiddenFilters } from '../access/field-rules.js';
import { opportunityScope } from '../access/scope.js';
import { opportunityPopulate } from './store.js';

// A page of deals the user can see, newest first, by keyset on the id.

export interface OpportunityListQuery {
  customerId?: number;
  ownerId?: number;
  stageId?: number;
  status?: OpportunityStatus;
  /** Part of the deal's name. */
  q?: string;
  limit: number;
  /** The id of the last deal of the previous page. */
  after?: number;
}

export interface OpportunityPage {
  deals: Opportunity[];
  next: number | null;
}

/** `%text%` for ILIKE, with the user's own wildcards taken literally. */
export const likeOf = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listOpportunities(
  em: EntityManager,
  access: Access,
  query: OpportunityListQuery,
): Promise<OpportunityPage> {
  if (query.q) refuseHiddenFilters(access, [{ object: 'opportunity', fields: ['name'] }]);
  const where: FilterQuery<Opportunity>[] = [opportunityScope(access, 'read')];
  if (query.customerId !== undefined) where.push({ customer: query.customerId });
  if (query.ownerId !== undefined) where.push({ owner: query.ownerId });
  if (query.stageId !== undefined) where.push({ stage: query.stageId });
  if (query.status) where.push({ status: query.status });
  if (query.q) where.push({ name: { $ilike: likeOf(query.q) } });
  if (query.after !== undefined) where.push({ id: { $lt: query.after } });
  const deals = await em.find(
    OpportunitySchema,
    { $and: where },
    { populate: opportunityPopulate, orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const more = deals.length > query.limit;
  const page = deals.slice(0, query.limit);
  return { deals: page, next: more ? page.at(-1)!.id : null };
}
