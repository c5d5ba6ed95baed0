import type { CardAudience } from '../audience/audience.js';
import { presentAmount } from '../audience/mask.js';
import { formatDate } from '../format/date.js';
import { formatPercent } from '../format/percent.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, link, rows } from './parts.js';
import { paths } from './paths.js';

export interface ProcurementItem {
  sku: string;
  name: string;
  unit: string;
}

export type PurchaseRequestCardState = { kind: 'open' } | { kind: 'accepted'; by: string };

export interface PurchaseRequestCardView {
  cardId: string;
  requestId: string;
  requestNo: string;
  item: ProcurementItem;
  /** Quantity short for the sales order, in `item.unit`. */
  shortageQty: number;
  /** Promised date minus lead time. */
  needBy: Date;
  salesOrderNo: string;
  /** Best-ranked supplier (on-time rate, price history). */
  suggestedSupplier?: { name: string; onTimeRate: number; lastUnitPriceCents?: number };
  state: PurchaseRequestCardState;
}

/** 以销定采: a shortage on a confirmed sales order becomes a purchase request for procurement. */
export function buildPurchaseRequestCard(view: PurchaseRequestCardView, audience: CardAudience): Card {
  const supplier = view.suggestedSupplier;
  const lastPrice =
    supplier?.lastUnitPriceCents === undefined
      ? undefined
      : presentAmount(supplier.lastUnitPriceCents, audience.amount);
  const base = {
    id: view.cardId,
    kind: 'purchase_request' as const,
    title: `采购申请 · ${view.item.name}`,
    subtitle: `${view.requestNo} · 来自销售订单 ${view.salesOrderNo}`,
    emphasis: { value: `${view.shortageQty} ${view.item.unit}`, label: '缺货数量' },
    fields: rows(
      ['物料编码', view.item.sku],
      ['需到货', formatDate(view.needBy)],
      ['建议供应商', supplier?.name],
      ['准时率', supplier === undefined ? undefined : formatPercent(supplier.onTimeRate)],
      ['上次单价', lastPrice],
    ),
    link: { path: paths.purchaseRequest(view.requestId) },
  };
  const open = link('查看', paths.purchaseRequest(view.requestId));
  const { state } = view;
  switch (state.kind) {
    case 'open':
      return createCard({
        ...base,
        status: { text: '待采购接单', tone: 'warning', badge: '待接单' },
        actions: [callback('接单', 'primary', 'procurement.accept', view.requestId), open],
      });
    case 'accepted':
      return createCard({
        ...base,
        status: { text: `${state.by} 已接单`, tone: 'success', badge: '已接单' },
        actions: [],
      });
  }
}
