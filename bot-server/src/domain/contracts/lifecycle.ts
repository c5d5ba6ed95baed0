import { ContractSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { audit } from '../audit/audit.js';
import { contractFor } from './store.js';

// A contract in force ends one of two ways: its end date passes (已到期, the daily job) or someone
// who may change it terminates it early (已终止). Neither is undone.

export function terminateContract(em: EntityManager, acting: Acting, id: number, reason: string) {
  return em.transactional(async (tx) => {
    await tx.findOne(ContractSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const contract = await contractFor(tx, acting.access, id, 'change');
    if (contract.status !== 'active')
      throw new RefusedError('contract-not-active', { status: contract.status });
    contract.status = 'terminated';
    audit(tx, acting, {
      action: 'update',
      objectType: 'contract',
      objectId: id,
      changes: { status: { before: 'active', after: 'terminated' }, reason: { before: null, after: reason } },
    });
    await tx.flush();
    return contract;
  });
}

/** Every contract in force whose end date is before `today` (YYYY-MM-DD, the company's day): 已到期. */
export async function expireContracts(em: EntityManager, today: string): Promise<number> {
  return em.nativeUpdate(
    ContractSchema,
    { status: 'active', endDate: { $lt: today } },
    { status: 'expired' },
  );
}
