import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { mayChange, opportunityScope, type ScopePurpose } from '../access/scope.js';

// Loading one deal for a user, like customers/store.ts for customers: an id outside the scope is
// indistinguishable from an id that does not exist.

export const opportunityPopulate = ['customer', 'owner', 'stage'] as const;

export async function opportunityFor(
  em: EntityManager,
  access: Access,
  id: number,
  purpose: ScopePurpose = 'read',
): Promise<Opportunity> {
  const deal = await em.findOne(
    OpportunitySchema,
    { $and: [{ id }, opportunityScope(access, 'read')] },
    {
      populate: opportunityPopulate,
    },
  );
  if (!deal) throw new NotVisibleError('opportunity');
  if (purpose !== 'read' && !mayChange(access, deal.customer))
    throw new NotPermittedError('公海客户需要先认领，才能处理它的商机');
  return deal;
}
