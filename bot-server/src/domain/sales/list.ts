import { type Opportunity, OpportunitySchema, type OpportunityStatus } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { refuseHiddenFilters } from '../access/field-rules.js';
import { opportunityScope } from '../access/scope.js';
import { containsPattern } from '../lists/contains.js';
import { newestFirst } from '../lists/newest-first.js';
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
  if (query.q) where.push({ name: { $ilike: containsPattern(query.q) } });
  const { items, next } = await newestFirst(em, OpportunitySchema, where, query, {
    populate: opportunityPopulate,
  });
  return { deals: items, next };
}
