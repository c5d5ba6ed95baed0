import { formatMoney } from '@kelian/cards';
import { RefundSchema, type RefundStatus } from '@kelian/orm';
import { LockMode } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import type { ApprovableDocument, ApprovalOutcome } from '../approvals/document.js';
import { audit } from '../audit/audit.js';
import { payBack, receivedOnContract } from './refunds.js';

// The refund as an approval document: flows branch on its amount (and what came in), the customer,
// the contract's owner; approval pays it back (negative receipts), a rejection or a withdrawal
// closes it as it is.

const statusAfter: Record<ApprovalOutcome, RefundStatus> = {
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

export const refundDocument: ApprovableDocument = {
  label: '退款',
  fields: {
    amountCents: { label: '退款金额（分）', kind: 'number' },
    receivedCents: { label: '合同已回款（分）', kind: 'number' },
    reason: { label: '退款原因', kind: 'text' },
    refundDate: { label: '退款日期', kind: 'date' },
    customerName: { label: '客户名称', kind: 'text' },
    contractNumber: { label: '合同编号', kind: 'text' },
    ownerId: { label: '合同负责人', kind: 'user' },
  },

  async submit(tx, acting, id) {
    const refund = await tx.findOneOrFail(
      RefundSchema,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['contract', 'customer'] },
    );
    if (refund.status !== 'draft' || refund.requestedBy?.id !== acting.user.id)
      throw new RefusedError('refund-not-draft');
    refund.status = 'pending';
    return {
      customerId: refund.customer.id,
      opportunityId: refund.contract.opportunity?.id ?? null,
      title: `退款 ${formatMoney(refund.amountCents)}（${refund.customer.name} · 合同 ${refund.contract.number}）`,
      values: {
        amountCents: refund.amountCents,
        receivedCents: await receivedOnContract(tx, refund.contract.id),
        reason: refund.reason,
        refundDate: refund.refundDate,
        customerId: refund.customer.id,
        customerName: refund.customer.name,
        contractNumber: refund.contract.number,
        ownerId: refund.contract.owner?.id ?? null,
      },
    };
  },

  async figures(_tx, snapshot) {
    const text = (key: string) => (typeof snapshot[key] === 'string' ? (snapshot[key] as string) : '—');
    return {
      title: `退款审批 · ${text('customerName')}`,
      emphasis: { label: '退款金额', value: formatMoney(Number(snapshot.amountCents ?? 0)) },
      rows: [
        { label: '客户', value: text('customerName') },
        { label: '合同编号', value: text('contractNumber') },
        { label: '合同已回款', value: formatMoney(Number(snapshot.receivedCents ?? 0)) },
        { label: '退款原因', value: text('reason') },
        { label: '退款日期', value: text('refundDate') },
      ],
    };
  },

  async settle(tx, id, outcome, auditor) {
    const refund = await tx.findOneOrFail(
      RefundSchema,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['contract', 'customer'] },
    );
    const before = refund.status;
    refund.status = statusAfter[outcome];
    if (outcome === 'approved') await payBack(tx, refund, auditor);
    audit(tx, auditor, {
      action: 'update',
      objectType: 'refund',
      objectId: id,
      changes: { status: { before, after: refund.status } },
    });
  },
};
