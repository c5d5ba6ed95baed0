import { formatMoney } from '@kelian/cards';
import { ContractSchema, type ReceivableInstalment, ReceivableInstalmentSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, RefusedError } from '../access/errors.js';
import { audit } from '../audit/audit.js';
import { contractFor } from '../contracts/store.js';
import { checkCents, requirePlannable } from './rules.js';
import { instalmentFor, mayPlan } from './store.js';

// Writing a contract's receivable plan: instalments are added (the rep drafting the contract, or
// finance once it is in force) as long as the plan stays within the contract amount, and one with
// nothing received can be cancelled. The contract's row lock orders concurrent plan changes.

export interface PlannedInstalment {
  dueDate: string;
  amountCents: number;
}

const maxInstalments = 60;

/** The open instalments' sum, in cents: what a contract's plan already asks for. */
export async function plannedCents(tx: EntityManager, contractId: number): Promise<number> {
  const open = await tx.find(
    ReceivableInstalmentSchema,
    { contract: contractId, state: 'open' },
    { fields: ['amountCents'] },
  );
  return open.reduce((sum, i) => sum + i.amountCents, 0);
}

export function addInstalments(
  em: EntityManager,
  acting: Acting,
  contractId: number,
  items: readonly PlannedInstalment[],
): Promise<ReceivableInstalment[]> {
  if (items.length === 0 || items.length > maxInstalments)
    throw new RefusedError('receivable-plan-size', { max: maxInstalments });
  for (const item of items) checkCents(item.amountCents);
  return em.transactional(async (tx) => {
    await tx.findOne(ContractSchema, { id: contractId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const contract = await contractFor(tx, acting.access, contractId, 'read');
    if (!mayPlan(acting.access, contract.customer))
      throw new NotPermittedError('not-permitted', { object: 'receivable', verb: 'edit' });
    requirePlannable(contract.status);
    const planned = (await plannedCents(tx, contractId)) + items.reduce((sum, i) => sum + i.amountCents, 0);
    if (planned > contract.amountCents)
      throw new RefusedError('receivable-plan-over-contract', {
        planned: formatMoney(planned),
        contract: formatMoney(contract.amountCents),
      });
    const last = await tx.findOne(
      ReceivableInstalmentSchema,
      { contract: contractId },
      { orderBy: { seq: 'desc' }, fields: ['seq'] },
    );
    const sorted = [...items].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const created = sorted.map((item, n) =>
      tx.create(ReceivableInstalmentSchema, {
        contract,
        customer: contract.customer,
        seq: (last?.seq ?? 0) + n + 1,
        dueDate: item.dueDate,
        amountCents: item.amountCents,
      }),
    );
    await tx.flush();
    for (const i of created)
      audit(tx, acting, {
        action: 'create',
        objectType: 'receivable',
        objectId: i.id,
        changes: {
          contract: { before: null, after: contract.number },
          seq: { before: null, after: i.seq },
          dueDate: { before: null, after: i.dueDate },
          amountCents: { before: null, after: i.amountCents },
        },
      });
    await tx.flush();
    return created;
  });
}

/** An instalment no longer owed (renegotiated): only while nothing was received on it. */
export function cancelInstalment(
  em: EntityManager,
  acting: Acting,
  id: number,
): Promise<ReceivableInstalment> {
  return em.transactional(async (tx) => {
    await tx.findOne(ReceivableInstalmentSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const instalment = await instalmentFor(tx, acting.access, id, 'change');
    if (instalment.state === 'cancelled') throw new RefusedError('receivable-cancelled');
    if (instalment.receivedCents !== 0) throw new RefusedError('receivable-has-receipts');
    instalment.state = 'cancelled';
    audit(tx, acting, {
      action: 'update',
      objectType: 'receivable',
      objectId: id,
      changes: { state: { before: 'open', after: 'cancelled' } },
    });
    await tx.flush();
    return instalment;
  });
}
