import { type Customer, CustomerSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { mayAtAll, mayOnCustomer } from '../access/policy.js';
import { customerScope, type ScopePurpose } from '../access/scope.js';

// Loading one customer for a user. Every command starts here, so none can reach a customer outside
// the user's scope: an id outside it is indistinguishable from an id that does not exist.

/** What the command will do with the customer, and from where: the live list or the recycle bin. */
export interface Reach {
  purpose: ScopePurpose;
  inRecycleBin?: boolean;
}

/** The relations a customer record shows (records.ts): load them with every customer that is shown. */
export const customerPopulate = ['owner', 'collaborators', 'tags', 'tags.group'] as const;

/**
 * What deciding whether the user may change a customer takes (refusalToReach): for a command that
 * changes it without showing it, one query fewer than loading its tags too.
 */
export const reachPopulate = ['owner', 'collaborators'] as const;

/**
 * The customer, if the user can see it; NotVisibleError otherwise; NotPermittedError when they may
 * not do `reach.purpose` with it (refusalToReach).
 */
export async function customerFor(
  em: EntityManager,
  access: Access,
  id: number,
  reach: Reach,
  populate: typeof customerPopulate | typeof reachPopulate = customerPopulate,
): Promise<Customer> {
  const customer = await em.findOne(
    CustomerSchema,
    {
      $and: [
        { id, deletedAt: reach.inRecycleBin ? { $ne: null } : null },
        // The recycle bin holds only what the user could delete.
        customerScope(access, reach.inRecycleBin ? 'delete' : 'read'),
      ],
    },
    { populate },
  );
  if (!customer) throw new NotVisibleError('customer');
  const refusal = refusalToReach(access, customer, reach.purpose);
  if (refusal) throw refusal;
  return customer;
}

/**
 * Why the user may not do `purpose` with a customer they can see, or nothing when they may. A role
 * that reads customers but may not do this with any (procurement, service, finance) is told so; a
 * change or a reassignment of a customer they see but may not touch (a pool customer, another
 * team's) is refused: saying no to what they can see reveals nothing.
 */
export function refusalToReach(
  access: Access,
  customer: Customer,
  purpose: ScopePurpose,
): NotPermittedError | undefined {
  if (purpose === 'read') return undefined;
  const verb = verbs[purpose];
  if (!mayAtAll(access, 'customer', verb))
    return new NotPermittedError('not-permitted', { object: 'customer', verb });
  if (
    mayOnCustomer(access, verb, { owner: customer.owner, collaborators: customer.collaborators.getItems() })
  )
    return undefined;
  return new NotPermittedError(
    purpose === 'reassign' ? 'reassign-managers-only' : customer.owner ? 'not-permitted' : 'pool-customer',
    { object: 'customer', verb },
  );
}

const verbs = { change: 'edit', delete: 'delete', reassign: 'reassign' } as const;
