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
 * The customer, if the user can see it; NotVisibleError otherwise. For a change or a reassignment
 * of a customer they can see but not touch (a pool customer, another team's), NotPermittedError:
 * saying no to what they can see reveals nothing.
 */
export async function customerFor(
  em: EntityManager,
  access: Access,
  id: number,
  reach: Reach,
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
    { populate: customerPopulate },
  );
  if (!customer) throw new NotVisibleError('customer');
  if (reach.purpose === 'read') return customer;
  const verb = verbs[reach.purpose];
  // A role that reads customers but may not do this with any (procurement, service, finance).
  if (!mayAtAll(access, 'customer', verb))
    throw new NotPermittedError('not-permitted', { object: 'customer', verb });
  if (
    !mayOnCustomer(access, verb, { owner: customer.owner, collaborators: customer.collaborators.getItems() })
  )
    throw new NotPermittedError(
      reach.purpose === 'reassign'
        ? 'reassign-managers-only'
        : customer.owner
          ? 'not-permitted'
          : 'pool-customer',
      { object: 'customer', verb },
    );
  return customer;
}

const verbs = { change: 'edit', delete: 'delete', reassign: 'reassign' } as const;
