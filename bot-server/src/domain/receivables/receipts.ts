import { formatMoney } from '@kelian/cards';
import {
  type ContractStatus,
  type ReceiptMethod,
  type ReceivableInstalment,
  ReceivableInstalmentSchema,
  type ReceivableReceipt,
  ReceivableReceiptSchema,
  UserSchema,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { requireRight } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import type { Notifier } from '../notify/notifier.js';
import { checkCents, openCents, requireReceivable } from './rules.js';
import { instalmentFor } from './store.js';

// 回款记录: money that came in against an instalment, recorded by finance. A partial receipt leaves
// the rest open; one above what is still open is refused unless marked as an overpayment (finance
// says so knowingly: the customer paid too much and the difference is settled outside the plan).
// The instalment's row lock orders concurrent receipts, so two can never together exceed it.

export interface NewReceipt {
  amountCents: number;
  receivedOn: string;
  method: ReceiptMethod;
  note?: string | null | undefined;
  overpayment?: boolean | undefined;
}

export const receiptMethodLabels: Record<ReceiptMethod, string> = {
  bank: '银行转账',
  cash: '现金',
  acceptance: '承兑汇票',
  online: '线上支付',
  other: '其他',
};

/** Writes the receipt on the locked instalment, audited; every card of the instalment is updated. */
export async function writeReceipt(
  tx: EntityManager,
  acting: Acting,
  instalment: ReceivableInstalment,
  input: NewReceipt,
  notifier: Notifier,
): Promise<ReceivableReceipt> {
  if (instalment.state === 'cancelled') throw new RefusedError('receivable-cancelled');
  requireReceivable(instalment.contract.status as ContractStatus);
  const open = openCents(instalment);
  const over = input.amountCents > open;
  if (over && !input.overpayment)
    throw new RefusedError('receipt-over-open', {
      amount: formatMoney(input.amountCents),
      open: formatMoney(open),
    });
  const receipt = tx.create(ReceivableReceiptSchema, {
    instalment,
    customer: instalment.customer,
    amountCents: input.amountCents,
    receivedOn: input.receivedOn,
    method: input.method,
    note: input.note ?? null,
    overpayment: over,
    recordedBy: tx.getReference(UserSchema, acting.user.id),
  });
  const before = instalment.receivedCents;
  instalment.receivedCents = before + input.amountCents;
  await tx.flush();
  audit(tx, acting, {
    action: 'update',
    objectType: 'receivable',
    objectId: instalment.id,
    changes: {
      receivedCents: { before, after: instalment.receivedCents },
      receipt: { before: null, after: receipt.id },
    },
  });
  await tx.flush();
  await notifier.refreshCards(tx, { type: 'receivable', id: instalment.id });
  return receipt;
}

export function recordReceipt(
  em: EntityManager,
  acting: Acting,
  instalmentId: number,
  input: NewReceipt,
  notifier: Notifier,
): Promise<ReceivableReceipt> {
  requireRight(acting.access, 'receivable', 'edit');
  checkCents(input.amountCents);
  return em.transactional(async (tx) => {
    await tx.findOne(
      ReceivableInstalmentSchema,
      { id: instalmentId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const instalment = await instalmentFor(tx, acting.access, instalmentId, 'change');
    return writeReceipt(tx, acting, instalment, input, notifier);
  });
}
