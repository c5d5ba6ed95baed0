import { type Quote, QuoteSchema, type QuoteStatus } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { quoteScope } from './store.js';

/** Quotes the user may see, newest first, a keyset page on (id): optionally one customer's. */
export async function listQuotes(
  em: EntityManager,
  access: Access,
  query: {
    limit: number;
    after?: number | undefined;
    customerId?: number | undefined;
    status?: QuoteStatus | undefined;
  },
): Promise<{ quotes: Quote[]; next: number | null }> {
  const rows = await em.find(
    QuoteSchema,
    {
      $and: [
        quoteScope(access, 'read'),
        query.after === undefined ? {} : { id: { $lt: query.after } },
        query.customerId === undefined ? {} : { customer: query.customerId },
        query.status === undefined ? {} : { status: query.status },
      ],
    },
    { orderBy: { id: 'desc' }, limit: query.limit + 1, populate: ['customer', 'owner'] },
  );
  const quotes = rows.slice(0, query.limit);
  return { quotes, next: rows.length > query.limit ? (quotes.at(-1)?.id ?? null) : null };
}

/** Approved, draft or rejected quotes whose validity ended before `today`: 已过期 (the daily job). */
export function expireQuotes(em: EntityManager, today: string): Promise<number> {
  return em.nativeUpdate(
    QuoteSchema,
    { status: { $in: ['draft', 'approved', 'rejected'] }, validUntil: { $lt: today } },
    { status: 'expired' },
  );
}
