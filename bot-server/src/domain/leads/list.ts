import { type Lead, LeadSchema, type LeadStatus } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { likeText } from '../grid/filters.js';
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
  const leads = await em.find(
    LeadSchema,
    {
      $and: [
        leadScope(acting.access, acting.user.department?.path ?? null),
        views[query.view],
        query.status ? { status: query.status } : {},
        leadSearch(query.q),
        query.beforeId ? { id: { $lt: query.beforeId } } : {},
      ],
    },
    { populate: leadPopulate, orderBy: { id: 'desc' }, limit: query.limit + 1 },
  );
  const page = leads.slice(0, query.limit);
  return { leads: page, next: leads.length > query.limit ? page.at(-1)!.id : null };
}

/** A search text in the company or the contact's name (`%` and `_` are themselves). */
export function leadSearch(q: string | undefined): FilterQuery<Lead> {
  if (!q) return {};
  const like = likeText(q);
  return { $or: [{ company: { $ilike: like } }, { contactName: { $ilike: like } }] };
}
