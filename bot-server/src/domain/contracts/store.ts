import { type Contract, ContractSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { mayAtAll } from '../access/policy.js';
import { customerScope, mayChange, type ScopePurpose } from '../access/scope.js';

// A contract is part of its customer's story like a deal: seen and changed by whoever works the
// customer, under the contract rights (Role.rights.contract). Outside the scope it does not exist.

export const contractScope = (access: Access, purpose: ScopePurpose = 'read'): FilterQuery<Contract> => ({
  deletedAt: null,
  customer: { $and: [customerScope(access, purpose, 'contract'), { deletedAt: null }] },
});

const contractPopulate = ['customer', 'customer.owner', 'customer.collaborators', 'owner'] as const;

export async function contractFor(
  em: EntityManager,
  access: Access,
  id: number,
  purpose: 'read' | 'change' = 'read',
): Promise<Contract> {
  const contract = await em.findOne(
    ContractSchema,
    { $and: [{ id }, contractScope(access, 'read')] },
    { populate: contractPopulate },
  );
  if (!contract) throw new NotVisibleError('contract');
  if (purpose === 'read') return contract;
  if (!mayAtAll(access, 'contract', 'edit') || !mayChange(access, contract.customer, 'contract'))
    throw new NotPermittedError('not-permitted', { object: 'contract', verb: 'edit' });
  return contract;
}
