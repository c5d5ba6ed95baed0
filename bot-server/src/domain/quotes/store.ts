import { type Quote, QuoteSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { mayAtAll } from '../access/policy.js';
import { customerScope, mayChange, type ScopePurpose } from '../access/scope.js';

// A quote is the first draft of a contract: the same people see and write it, under the contract
// rights (Role.rights.contract), on the customers in their scope. Outside the scope it does not exist.

export const quoteScope = (access: Access, purpose: ScopePurpose = 'read'): FilterQuery<Quote> => ({
  deletedAt: null,
  customer: { $and: [customerScope(access, purpose, 'contract'), { deletedAt: null }] },
});

const quotePopulate = ['customer', 'customer.owner', 'customer.collaborators', 'owner'] as const;

export async function quoteFor(
  em: EntityManager,
  access: Access,
  id: number,
  purpose: 'read' | 'change' = 'read',
): Promise<Quote> {
  const quote = await em.findOne(
    QuoteSchema,
    { $and: [{ id }, quoteScope(access, 'read')] },
    { populate: quotePopulate },
  );
  if (!quote) throw new NotVisibleError('quote');
  if (purpose === 'read') return quote;
  if (!mayAtAll(access, 'contract', 'edit') || !mayChange(access, quote.customer, 'contract'))
    throw new NotPermittedError('not-permitted', { object: 'quote', verb: 'edit' });
  return quote;
}

/** "BJ000042": how people and the PDF name a quote. */
export const quoteNumber = (quote: Pick<Quote, 'id'>): string => `BJ${String(quote.id).padStart(6, '0')}`;
