import { type Contract, ContractSchema, type ContractStatus } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
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
  const rows = await em.find(
    ContractSchema,
    {
      $and: [
        contractScope(access, 'read'),
        query.after === undefined ? {} : { id: { $lt: query.after } },
        query.customerId === undefined ? {} : { customer: query.customerId },
        query.status === undefined ? {} : { status: query.status },
      ],
    },
    { orderBy: { id: 'desc' }, limit: query.limit + 1, populate: ['customer', 'owner'] },
  );
  const contracts = rows.slice(0, query.limit);
  return { contracts, next: rows.length > query.limit ? (contracts.at(-1)?.id ?? null) : null };
}
