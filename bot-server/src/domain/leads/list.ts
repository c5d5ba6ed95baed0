import { type Lead, LeadSchema, type LeadStatus } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { containsPattern } from '../lists/contains.js';
import { newestFirst } from '../lists/newest-first.js';
import { leadScope } from './scope.js';
import { leadPopulate } from './store.js';

export const leadViews = ['mine', 'pool', 'team', 'all'] as const;
export type LeadView = (typeof leadViews)[number];

export interface LeadListQuery {
  view: LeadView;
  q?: string;
  status?: LeadStatus;
  limit: number;
  /** The id the previous page ended with: pages run newest first. */
  beforeId?: number;
}

/** One page of the leads the user can see, newest first. */
export async function listLeads(em: EntityManager, acting: Acting, query: LeadListQuery) {
  const me = acting.user.id;
  const views: Record<LeadView, FilterQuery<Lead>> = {
    mine: { owner: me },
    pool: { status: 'new', owner: null },
    team: { team: { $ne: null } },
    all: {},
  };
  const { items, next } = await newestFirst(
    em,
    LeadSchema,
    [
      leadScope(acting.access, acting.user.department?.path ?? null),
      views[query.view],
      query.status ? { status: query.status } : {},
      leadSearch(query.q),
    ],
    { limit: query.limit, after: query.beforeId || undefined },
    { populate: leadPopulate },
  );
  return { leads: items, next };
}

/** A search text in the company or the contact's name (`%` and `_` are themselves). */
export function leadSearch(q: string | undefined): FilterQuery<Lead> {
  if (!q) return {};
  const like = containsPattern(q);
  return { $or: [{ company: { $ilike: like } }, { contactName: { $ilike: like } }] };
}
