import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ContractSchema } from './contract.js';
import { CustomerSchema } from './customer.js';
import { UserSchema } from './user.js';

/** An instalment is open (owed, whatever has come in) or cancelled (no longer owed). */
export const instalmentStates = ['open', 'cancelled'] as const;
export type InstalmentState = (typeof instalmentStates)[number];

/** How money came in: 银行转账, 现金, 承兑汇票, 线上支付, 其他. */
export const receiptMethods = ['bank', 'cash', 'acceptance', 'online', 'other'] as const;
export type ReceiptMethod = (typeof receiptMethods)[number];

// A contract's receivable plan (回款计划): its instalments, each due on a calendar day with an amount
// in integer cents. What came in is summed into `receivedCents` by the receipt that records it, in
// one transaction, so the plan's status (未回款 / 部分回款 / 已回款 / 逾期) is read without a join.
// `customer` is the contract's, kept here for the per-customer overdue figure and the timeline.
export const ReceivableInstalmentSchema = defineEntity({
  name: 'ReceivableInstalment',
  properties: {
    id: p.integer().primary().autoincrement(),
    contract: p.manyToOne(ContractSchema).deleteRule('cascade'),
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade'),
    /** 第 N 期, from 1 in the contract. */
    seq: p.integer(),
    dueDate: p.date(),
    amountCents: p.bigint('number'),
    receivedCents: p.bigint('number').default(0),
    state: p.enum(instalmentStates).default('open'),
    /** Times the due date was moved (延期); each move is in the audit log. */
    deferrals: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    { properties: ['contract', 'seq'] },
    { properties: ['customer', 'dueDate'] },
    { properties: ['state', 'dueDate'] },
  ],
});

export type ReceivableInstalment = InferEntity<typeof ReceivableInstalmentSchema>;

// Money that came in (回款记录) against an instalment, recorded by finance. Never changed: a
// mistake or a refund is a further row with a negative amount. `overpayment` marks a receipt that
// was accepted above what was still open, knowingly.
export const ReceivableReceiptSchema = defineEntity({
  name: 'ReceivableReceipt',
  properties: {
    id: p.integer().primary().autoincrement(),
    instalment: p.manyToOne(ReceivableInstalmentSchema).deleteRule('cascade'),
    /** The instalment's customer, for the customer's timeline (its contract is the instalment's). */
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade'),
    amountCents: p.bigint('number'),
    receivedOn: p.date(),
    method: p.enum(receiptMethods),
    note: p.string().length(500).nullable(),
    overpayment: p.boolean().default(false),
    recordedBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['instalment', 'id'] }, { properties: ['customer', 'id'] }],
});

export type ReceivableReceipt = InferEntity<typeof ReceivableReceiptSchema>;

/** 审批中 until its flow decides; 已批准 writes the money back as negative receipts. */
export const refundStatuses = ['draft', 'pending', 'approved', 'rejected', 'withdrawn'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

// A refund (退款) to a customer on a contract, sent through the refund flow the moment it is asked
// for (`draft` lives only inside that transaction). Approved, it becomes negative receipts on the
// contract's instalments, latest first, dated `refundDate`; rejected or withdrawn, it stays as a
// record and a new request is made.
export const RefundSchema = defineEntity({
  name: 'Refund',
  properties: {
    id: p.integer().primary().autoincrement(),
    contract: p.manyToOne(ContractSchema).deleteRule('cascade'),
    customer: p.manyToOne(CustomerSchema).deleteRule('cascade'),
    amountCents: p.bigint('number'),
    reason: p.string().length(500),
    /** When the money goes back to the customer. */
    refundDate: p.date(),
    status: p.enum(refundStatuses).default('draft'),
    requestedBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['contract', 'id'] }, { properties: ['customer', 'id'] }],
});

export type Refund = InferEntity<typeof RefundSchema>;
