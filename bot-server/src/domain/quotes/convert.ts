import { type Contract, ContractLineSchema, QuoteSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { createContract } from '../contracts/contracts.js';
import { linesOf } from './lines.js';
import { moveQuote } from './status.js';
import { quoteFor } from './store.js';

// An approved quote becomes a contract in one action: a draft contract for the quote's customer and
// deal, its amount the quote's total, the quote's lines and prices copied, and a pointer back to
// the quote (whose approval run stays with it: the contract's approval history starts from there).
// The contract then goes through its own flow by amount. The quote is 已转合同; it happens once.

export interface ContractTerms {
  number: string;
  name?: string | undefined;
  startDate: string;
  endDate: string;
  signedDate?: string | null | undefined;
}

export function quoteToContract(
  em: EntityManager,
  acting: Acting,
  id: number,
  terms: ContractTerms,
  today: string,
): Promise<Contract> {
  return em.transactional(async (tx) => {
    await tx.findOne(QuoteSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const quote = await quoteFor(tx, acting.access, id, 'change');
    if (quote.status !== 'approved') throw new RefusedError('quote-not-approved', { status: quote.status });
    if (quote.validUntil < today) throw new RefusedError('quote-expired', { validUntil: quote.validUntil });
    const contract = await createContract(tx, acting, {
      ...terms,
      name: terms.name ?? quote.title,
      customerId: quote.customer.id,
      opportunityId: quote.opportunity?.id ?? null,
      amountCents: quote.totalCents,
    });
    contract.quoteId = quote.id;
    for (const line of await linesOf(tx, id))
      tx.create(ContractLineSchema, {
        contract,
        position: line.position,
        product: line.product,
        productName: line.product.name,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        discountBp: line.discountBp,
        amountCents: line.amountCents,
      });
    moveQuote(tx, acting, quote, 'converted', { contract: { before: null, after: contract.id } });
    await tx.flush();
    return contract;
  });
}
