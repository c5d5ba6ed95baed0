import { type Contract, ContractSchema, type ContractStatus } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { newestFirst } from '../lists/newest-first.js';
import { contractScope } from './store.js';

/** Contracts the user may see, newest first, a keyset page on (id): optionally one customer's. */
export async function listContracts(
  em: EntityManager,
  access: Access,
  query: {
    limit: number;
    after?: number | undefined;
    customerId?: number | undefined;
    status?: ContractStatus | undefined;
  },
): Promise<{ contracts: Contract[]; next: number | null }> {
  const { items, next } = await newestFirst(
    em,
    ContractSchema,
    [
      contractScope(access, 'read'),
      query.customerId === undefined ? {} : { customer: query.customerId },
      query.status === undefined ? {} : { status: query.status },
    ],
    query,
    { populate: ['customer', 'owner'] },
  );
  return { contracts: items, next };
}
