import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { mayAtAll } from '../access/policy.js';
import { mayChange, opportunityScope, type ScopePurpose } from '../access/scope.js';

// Loading one deal for a user, like customers/store.ts for customers: an id outside the scope is
// indistinguishable from an id that does not exist.

// The customer's owner and collaborators: the policy decides on a deal by its customer's people.
export const opportunityPopulate = [
  'customer',
  'customer.owner',
  'customer.collaborators',
  'owner',
  'stage',
] as const;

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
  if (purpose === 'read') return deal;
  if (!mayAtAll(access, 'opportunity', 'edit'))
    throw new NotPermittedError('not-permitted', { object: 'opportunity', verb: 'edit' });
  if (!mayChange(access, deal.customer, 'opportunity'))
    throw new NotPermittedError(deal.customer.owner ? 'not-permitted' : 'pool-deal', {
      object: 'opportunity',
      verb: 'edit',
    });
  return deal;
}
