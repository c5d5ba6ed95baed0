import { formatMoney } from '@kelian/cards';
import { QuoteSchema } from '@kelian/orm';
import { LockMode } from '@mikro-orm/postgresql';
import type { ApprovableDocument, ApprovalOutcome, KeyFigure } from '../approvals/document.js';
import { quoteFacts } from './figures.js';
import { lastPrices } from './last-prices.js';
import { linesOf } from './lines.js';
import { requireEditable } from './rules.js';
import { moveQuote } from './status.js';
import { quoteFor, quoteNumber } from './store.js';

// The quote as an approval document. Only a quote with a line below its floor price is sent
// through the flow (submit.ts); flows branch on its total, how many lines are below the floor and
// by how much, the largest discount. Approval makes it 已批准, a rejection 已驳回 (to be changed and
// resubmitted), a withdrawal a draft again.

const statusAfter: Record<ApprovalOutcome, 'approved' | 'rejected' | 'draft'> = {
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'draft',
};

export const quoteDocument: ApprovableDocument = {
  label: '报价',
  fields: {
    totalCents: { label: '报价总额（分）', kind: 'number' },
    listTotalCents: { label: '标准价总额（分）', kind: 'number' },
    belowFloorLines: { label: '低于底价的行数', kind: 'number' },
    maxBelowFloorPercent: { label: '最多低于底价（%）', kind: 'number' },
    maxDiscountPercent: { label: '最大折扣（%）', kind: 'number' },
    customerName: { label: '客户名称', kind: 'text' },
    validUntil: { label: '有效期至', kind: 'date' },
    ownerId: { label: '负责人', kind: 'user' },
  },

  async submit(tx, acting, id) {
    await tx.findOne(QuoteSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const quote = await quoteFor(tx, acting.access, id, 'change');
    requireEditable(quote, '提交审批');
    moveQuote(tx, acting, quote, 'pending');
    const lines = await linesOf(tx, id);
    const past = await lastPrices(
      tx,
      quote.customer.id,
      lines.map((l) => l.product.id),
      id,
    );
    const facts = quoteFacts(quote.totalCents, lines, past);
    return {
      customerId: quote.customer.id,
      opportunityId: quote.opportunity?.id ?? null,
      title: `报价「${quote.title}」（${quoteNumber(quote)} · ${quote.customer.name} · ${formatMoney(quote.totalCents)}）`,
      values: {
        totalCents: quote.totalCents,
        listTotalCents: quote.listTotalCents,
        belowFloorLines: facts.belowFloorLines,
        maxBelowFloorPercent: facts.maxBelowFloorPercent,
        maxDiscountPercent: facts.maxDiscountPercent,
        customerId: quote.customer.id,
        customerName: quote.customer.name,
        validUntil: quote.validUntil,
        ownerId: quote.owner?.id ?? null,
        keyFigures: facts.figures,
      },
    };
  },

  // The figures kept at submission: the total large, then each line below its floor and the
  // customer's last prices for it.
  async figures(_tx, snapshot) {
    const [total, ...rows] = Array.isArray(snapshot.keyFigures) ? (snapshot.keyFigures as KeyFigure[]) : [];
    const customer = typeof snapshot.customerName === 'string' ? snapshot.customerName : '未知客户';
    return {
      title: `报价审批 · ${customer}`,
      ...(total && { emphasis: total }),
      rows: [{ label: '客户', value: customer }, ...rows],
    };
  },

  async settle(tx, id, outcome, auditor) {
    const quote = await tx.findOneOrFail(QuoteSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    moveQuote(tx, auditor, quote, statusAfter[outcome]);
  },
};
