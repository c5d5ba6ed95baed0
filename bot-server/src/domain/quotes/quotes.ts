import { OpportunitySchema, type Quote, QuoteSchema, UserSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { requireRight } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { changesBetween, created } from '../audit/changes.js';
import { checkOpportunity } from '../contracts/contracts.js';
import { customerFor } from '../customers/store.js';
import { linesOf, writeLines } from './lines.js';
import { checkValidUntil, type LineInput, requireEditable } from './rules.js';
import { quoteFor } from './store.js';

// Writing quotes: a draft on a customer the user may change, its lines written whole; changed while
// a draft or after a rejection. `today` is the company's day (YYYY-MM-DD), for the validity check.

export interface QuoteFields {
  title?: string;
  opportunityId?: number | null;
  validUntil?: string;
  lines?: LineInput[];
}

export interface NewQuote extends QuoteFields {
  customerId: number;
  title: string;
  validUntil: string;
  lines: LineInput[];
}

async function quoteSnapshot(em: EntityManager, q: Quote) {
  return {
    title: q.title,
    opportunity: q.opportunity?.id ?? null,
    validUntil: q.validUntil,
    status: q.status,
    totalCents: q.totalCents,
    lines: (await linesOf(em, q.id)).map(
      (l) => `${l.product.sku}×${l.quantity}@${l.unitPriceCents}-${l.discountBp}bp`,
    ),
  };
}

export function createQuote(
  em: EntityManager,
  acting: Acting,
  input: NewQuote,
  today: string,
): Promise<Quote> {
  requireRight(acting.access, 'contract', 'edit');
  checkValidUntil(input.validUntil, today);
  return em.transactional(async (tx) => {
    const customer = await customerFor(tx, acting.access, input.customerId, { purpose: 'change' });
    await checkOpportunity(tx, customer.id, input.opportunityId);
    const quote = tx.create(QuoteSchema, {
      customer,
      opportunity: input.opportunityId ?? null,
      owner: tx.getReference(UserSchema, acting.user.id),
      title: input.title,
      validUntil: input.validUntil,
      totalCents: 0,
      listTotalCents: 0,
    });
    await tx.flush();
    await writeLines(tx, quote, input.lines);
    await tx.flush();
    audit(tx, acting, {
      action: 'create',
      objectType: 'quote',
      objectId: quote.id,
      changes: created(await quoteSnapshot(tx, quote)),
    });
    await tx.flush();
    return quote;
  });
}

export function updateQuote(
  em: EntityManager,
  acting: Acting,
  id: number,
  fields: QuoteFields,
  today: string,
): Promise<Quote> {
  if (fields.validUntil !== undefined) checkValidUntil(fields.validUntil, today);
  return em.transactional(async (tx) => {
    await tx.findOne(QuoteSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const quote = await quoteFor(tx, acting.access, id, 'change');
    requireEditable(quote, '修改');
    const before = await quoteSnapshot(tx, quote);
    if (fields.opportunityId !== undefined) {
      await checkOpportunity(tx, quote.customer.id, fields.opportunityId);
      quote.opportunity =
        fields.opportunityId === null ? null : tx.getReference(OpportunitySchema, fields.opportunityId);
    }
    if (fields.title !== undefined) quote.title = fields.title;
    if (fields.validUntil !== undefined) quote.validUntil = fields.validUntil;
    if (fields.lines !== undefined) await writeLines(tx, quote, fields.lines);
    // A rejected quote that is changed is a draft again, to be submitted anew.
    quote.status = 'draft';
    await tx.flush();
    audit(tx, acting, {
      action: 'update',
      objectType: 'quote',
      objectId: id,
      changes: changesBetween(before, await quoteSnapshot(tx, quote)),
    });
    await tx.flush();
    return quote;
  });
}
