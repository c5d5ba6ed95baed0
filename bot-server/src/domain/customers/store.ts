import { type Customer, CustomerSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { customerScope, mayChange, type ScopePurpose } from '../access/scope.js';

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
        // The recycle bin holds only what the user could change.
        customerScope(access, reach.inRecycleBin ? 'change' : 'read'),
      ],
    },
    { populate: customerPopulate },
  );
  if (!customer) throw new NotVisibleError('customer');
  if (reach.purpose === 'change' && !mayChange(access, customer))
    throw new NotPermittedError('公海客户需要先认领才能修改');
  if (reach.purpose === 'reassign' && !(await mayReassign(em, access, id)))
    throw new NotPermittedError('只有负责这位客户的主管或管理员可以更换负责人');
  return customer;
}

async function mayReassign(em: EntityManager, access: Access, id: number): Promise<boolean> {
  return (await em.count(CustomerSchema, { $and: [{ id }, customerScope(access, 'reassign')] })) > 0;
}
