import type { CardAudience } from '../audience/audience.js';
import { formatDate } from '../format/date.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link, rows } from './parts.js';
import { paths } from './paths.js';
import type { ProcurementItem } from './purchase-request.js';

export type ProcurementStage = 'ordered' | 'shipped' | 'partially_received' | 'received';

export interface ProcurementProgressCardView {
  cardId: string;
  purchaseOrderId: string;
  purchaseOrderNo: string;
  supplier: string;
  item: ProcurementItem;
  orderedQty: number;
  receivedQty: number;
  stage: ProcurementStage;
  expectedAt: Date;
  /** The sales order this purchase serves, so the salesperson sees their own order. */
  salesOrderNo: string;
}

// The 下单 → 发货 → 到货 line, with ✓ on the steps already done.
function timeline(view: ProcurementProgressCardView): string {
  const received =
    view.stage === 'received' ? '到货 ✓' : view.stage === 'partially_received' ? '部分到货' : '到货';
  const shipped = view.stage === 'ordered' ? '发货' : '发货 ✓';
  return `下单 ✓ → ${shipped} → ${received}`;
}

const STATUS: Record<ProcurementStage, { text: string; badge: string }> = {
  ordered: { text: '供应商已接单，待发货', badge: '已下单' },
  shipped: { text: '供应商已发货，运输中', badge: '已发货' },
  partially_received: { text: '部分到货，剩余待到', badge: '部分到货' },
  received: { text: '已全部到货入库', badge: '已到货' },
};

/** Purchase-order progress for procurement and the salesperson waiting on it; informs only. */
export function buildProcurementProgressCard(
  view: ProcurementProgressCardView,
  _audience: CardAudience,
): Card {
  const done = view.stage === 'received';
  return createCard({
    id: view.cardId,
    kind: 'procurement_progress',
    title: `采购进度 · ${view.item.name}`,
    subtitle: `${view.purchaseOrderNo} · ${view.supplier}`,
    emphasis: { value: `${view.receivedQty}/${view.orderedQty} ${view.item.unit}`, label: '已到货' },
    fields: rows(
      ['进度', timeline(view)],
      ['供应商', view.supplier],
      [done ? '到货日期' : '预计到货', formatDate(view.expectedAt)],
      ['销售订单', view.salesOrderNo],
    ),
    status: { ...STATUS[view.stage], tone: done ? 'success' : 'neutral' },
    actions: [link('查看采购单', paths.purchaseOrder(view.purchaseOrderId))],
    link: { path: paths.purchaseOrder(view.purchaseOrderId) },
  });
}
