import type { Quote, QuoteStatus } from '@kelian/orm';
import type { z } from 'zod';
import type { PastPrice } from '../../domain/quotes/last-prices.js';
import type { QuoteRecord } from '../../domain/quotes/record.js';
import { quoteNumber } from '../../domain/quotes/store.js';
import type { quoteJson, quoteSummaryJson } from './schemas.js';

export const quoteStatusLabels: Record<QuoteStatus, string> = {
  draft: '草稿',
  pending: '审批中',
  approved: '已批准',
  rejected: '已驳回',
  converted: '已转合同',
  expired: '已过期',
};

export const pastPriceJsonOf = ({ discountBp, ...price }: PastPrice) => ({
  ...price,
  discountPercent: discountBp / 100,
});

export const quoteSummaryJsonOf = (q: Quote): z.infer<typeof quoteSummaryJson> => ({
  id: q.id,
  number: quoteNumber(q),
  title: q.title,
  customer: { id: q.customer.id, name: q.customer.name },
  owner: q.owner ? { id: q.owner.id, name: q.owner.name } : null,
  validUntil: q.validUntil,
  status: q.status,
  statusLabel: quoteStatusLabels[q.status as QuoteStatus],
  totalCents: q.totalCents,
  listTotalCents: q.listTotalCents,
  createdAt: q.createdAt.toISOString(),
});

export const quoteJsonOf = (record: QuoteRecord): z.infer<typeof quoteJson> => ({
  ...quoteSummaryJsonOf(record.quote),
  opportunityId: record.quote.opportunity?.id ?? null,
  totalInWords: record.totalInWords,
  lines: record.lines.map(({ line, netUnitPriceCents, belowFloor, lastPrices }) => ({
    position: line.position,
    product: {
      id: line.product.id,
      sku: line.product.sku,
      name: line.product.name,
      unit: line.product.unit,
      specification: line.product.specification,
    },
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    discountPercent: line.discountBp / 100,
    netUnitPriceCents,
    amountCents: line.amountCents,
    listPriceCents: line.listPriceCents,
    floorPriceCents: line.floorPriceCents,
    belowFloor,
    lastPrices: lastPrices.map(pastPriceJsonOf),
  })),
  approvals: record.approvals.map((a) => ({
    id: a.id,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  })),
  contractId: record.contractId,
  updatedAt: record.quote.updatedAt.toISOString(),
});
