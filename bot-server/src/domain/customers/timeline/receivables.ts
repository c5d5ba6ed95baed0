import { formatMoney } from '@kelian/cards';
import {
  type ReceivableInstalment,
  ReceivableInstalmentSchema,
  type ReceivableReceipt,
  ReceivableReceiptSchema,
} from '@kelian/orm';
import type { Access } from '../../access/access.js';
import { mayAtAll } from '../../access/policy.js';
import { personOf, rowSource } from './source.js';

// The customer's receivables on its timeline: each instalment planned and each receipt (a negative
// one is money paid back), for people who may read receivables at all.

const readable = (access: Access) => (mayAtAll(access, 'receivable', 'read') ? {} : { id: { $in: [] } });

export const instalmentsSource = rowSource<ReceivableInstalment>({
  name: 'receivable_plan',
  entity: ReceivableInstalmentSchema,
  column: 'created_at',
  where: ({ customer, access }) => ({
    customer: customer.id,
    contract: { deletedAt: null },
    ...readable(access),
  }),
  populate: ['contract'],
  entry: (i) => ({
    at: i.createdAt,
    type: 'receivable',
    title: `回款计划：合同 ${i.contract.number} 第${i.seq}期 ${formatMoney(i.amountCents)}，回款日 ${i.dueDate}`,
    body: null,
    by: null,
  }),
});

export const receiptsSource = rowSource<ReceivableReceipt>({
  name: 'receipt',
  entity: ReceivableReceiptSchema,
  column: 'created_at',
  where: ({ customer, access }) => ({ customer: customer.id, ...readable(access) }),
  populate: ['instalment', 'instalment.contract', 'recordedBy'],
  entry: (r) => ({
    at: r.createdAt,
    type: 'receivable',
    title: `${r.amountCents < 0 ? '退款' : '回款'} ${formatMoney(Math.abs(r.amountCents))}（合同 ${r.instalment.contract.number} 第${r.instalment.seq}期，${r.receivedOn}）`,
    body: r.note ?? null,
    by: personOf(r.recordedBy),
  }),
});
