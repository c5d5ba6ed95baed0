import { formatMoney } from '@kelian/cards';
import {
  ContractSchema,
  type ContractStatus,
  ReceivableInstalmentSchema,
  ReceivableReceiptSchema,
  type Refund,
  RefundSchema,
  UserSchema,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, RefusedError } from '../access/errors.js';
import type { Auditor } from '../audit/audit.js';
import { audit } from '../audit/audit.js';
import { contractFor } from '../contracts/store.js';
import { checkCents, requireReceivable } from './rules.js';
import { mayPlan } from './store.js';

// 退款: money a customer is paid back on a contract. Asked for by whoever may write the contract's
// receivables, never above what came in net of refunds already approved or still under approval
// (the contract's row lock orders concurrent requests). Approved, it is written back as negative
// receipts on the contract's instalments, latest first, in the deciding transaction.

export interface NewRefund {
  contractId: number;
  amountCents: number;
  reason: string;
  refundDate: string;
}

/** What came in on the contract (net of approved refunds, which are negative receipts). */
export async function receivedOnContract(tx: EntityManager, contractId: number): Promise<number> {
  const instalments = await tx.find(
    ReceivableInstalmentSchema,
    { contract: contractId },
    { fields: ['receivedCents'] },
  );
  return instalments.reduce((sum, i) => sum + i.receivedCents, 0);
}

/** Refunds asked for on the contract and not decided yet. */
async function pendingRefunds(tx: EntityManager, contractId: number): Promise<number> {
  const open = await tx.find(
    RefundSchema,
    { contract: contractId, status: 'pending' },
    { fields: ['amountCents'] },
  );
  return open.reduce((sum, r) => sum + r.amountCents, 0);
}

/** Writes the refund as a draft on the locked contract; the caller sends it through its flow. */
export async function draftRefund(tx: EntityManager, acting: Acting, input: NewRefund): Promise<Refund> {
  checkCents(input.amountCents);
  await tx.findOne(ContractSchema, { id: input.contractId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const contract = await contractFor(tx, acting.access, input.contractId, 'read');
  if (!mayPlan(acting.access, contract.customer))
    throw new NotPermittedError('not-permitted', { object: 'receivable', verb: 'edit' });
  requireReceivable(contract.status as ContractStatus);
  const refundable = (await receivedOnContract(tx, contract.id)) - (await pendingRefunds(tx, contract.id));
  if (input.amountCents > refundable)
    throw new RefusedError('refund-over-received', {
      amount: formatMoney(input.amountCents),
      refundable: formatMoney(Math.max(0, refundable)),
    });
  const refund = tx.create(RefundSchema, {
    contract,
    customer: contract.customer,
    amountCents: input.amountCents,
    reason: input.reason,
    refundDate: input.refundDate,
    requestedBy: tx.getReference(UserSchema, acting.user.id),
  });
  await tx.flush();
  audit(tx, acting, {
    action: 'create',
    objectType: 'refund',
    objectId: refund.id,
    changes: {
      contract: { before: null, after: contract.number },
      amountCents: { before: null, after: refund.amountCents },
      reason: { before: null, after: refund.reason },
    },
  });
  return refund;
}

/** The approved refund paid back: negative receipts on the instalments, latest with money first. */
export async function payBack(tx: EntityManager, refund: Refund, auditor: Auditor): Promise<void> {
  const instalments = await tx.find(
    ReceivableInstalmentSchema,
    { contract: refund.contract.id, receivedCents: { $gt: 0 } },
    { orderBy: { seq: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  let left = refund.amountCents;
  for (const instalment of instalments) {
    if (left === 0) break;
    const take = Math.min(left, instalment.receivedCents);
    tx.create(ReceivableReceiptSchema, {
      instalment,
      customer: refund.customer,
      amountCents: -take,
      receivedOn: refund.refundDate,
      method: 'other',
      note: `退款：${refund.reason}`,
      recordedBy: auditor.user ? tx.getReference(UserSchema, auditor.user.id) : null,
    });
    const before = instalment.receivedCents;
    instalment.receivedCents = before - take;
    audit(tx, auditor, {
      action: 'update',
      objectType: 'receivable',
      objectId: instalment.id,
      changes: {
        receivedCents: { before, after: instalment.receivedCents },
        refund: { before: null, after: refund.id },
      },
    });
    left -= take;
  }
  // The request was checked against what came in, and nothing leaves a contract's receipts meanwhile.
  if (left !== 0) throw new Error(`refund ${refund.id}: ${left} cents found no receipt to come back from`);
}
