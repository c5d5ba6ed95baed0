import { type Quote, QuoteSchema, type QuoteStatus } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { newestFirst } from '../lists/newest-first.js';
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
  const { items, next } = await newestFirst(
    em,
    QuoteSchema,
    [
      quoteScope(access, 'read'),
      query.customerId === undefined ? {} : { customer: query.customerId },
      query.status === undefined ? {} : { status: query.status },
    ],
    query,
    { populate: ['customer', 'owner'] },
  );
  return { quotes: items, next };
}

/** Approved, draft or rejected quotes whose validity ended before `today`: 已过期 (the daily job). */
export function expireQuotes(em: EntityManager, today: string): Promise<number> {
  return em.nativeUpdate(
    QuoteSchema,
    { status: { $in: ['draft', 'approved', 'rejected'] }, validUntil: { $lt: today } },
    { status: 'expired' },
  );
}
