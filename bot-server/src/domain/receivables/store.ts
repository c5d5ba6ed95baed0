import { type Contract, type ReceivableInstalment, ReceivableInstalmentSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { mayAtAll } from '../access/policy.js';
import { customerScope, mayChange, type ScopePurpose } from '../access/scope.js';

// A receivable plan goes with its customer like the contract it belongs to, under the receivable
// rights (Role.rights.receivable): a rep reads the plans of the customers they work, finance (scope
// all) reads and records every one. Outside the scope an instalment does not exist.

export const receivableScope = (
  access: Access,
  purpose: ScopePurpose = 'read',
): FilterQuery<ReceivableInstalment> => ({
  contract: { deletedAt: null },
  customer: { $and: [customerScope(access, purpose, 'receivable'), { deletedAt: null }] },
});

export const instalmentPopulate = [
  'contract',
  'contract.owner',
  'customer',
  'customer.owner',
  'customer.collaborators',
] as const;

/** May the user record receipts on (and plan) this customer's contracts? */
export const mayRecord = (access: Access, customer: Contract['customer']): boolean =>
  mayAtAll(access, 'receivable', 'edit') && mayChange(access, customer, 'receivable');

/**
 * May the user write this customer's receivables: a plan, a refund request? The rep who may change
 * the contract (drafting it with its plan) or whoever records receipts.
 */
export const mayPlan = (access: Access, customer: Contract['customer']): boolean =>
  mayRecord(access, customer) ||
  (mayAtAll(access, 'contract', 'edit') && mayChange(access, customer, 'contract'));

export async function instalmentFor(
  em: EntityManager,
  access: Access,
  id: number,
  purpose: 'read' | 'change' = 'read',
): Promise<ReceivableInstalment> {
  const instalment = await em.findOne(
    ReceivableInstalmentSchema,
    { $and: [{ id }, receivableScope(access, 'read')] },
    { populate: instalmentPopulate },
  );
  if (!instalment) throw new NotVisibleError('receivable');
  if (purpose === 'change' && !mayRecord(access, instalment.customer))
    throw new NotPermittedError('not-permitted', { object: 'receivable', verb: 'edit' });
  return instalment;
}
