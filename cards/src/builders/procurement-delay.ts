import type { CardAudience } from '../audience/audience.js';
import { formatDate } from '../format/date.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link, rows } from './parts.js';
import { paths } from './paths.js';
import type { ProcurementItem } from './purchase-request.js';

export interface ProcurementDelayCardView {
  cardId: string;
  purchaseOrderId: string;
  purchaseOrderNo: string;
  supplier: string;
  item: ProcurementItem;
  /** The date the supplier had promised. */
  promisedAt: Date;
  /** The supplier's new date, when known. */
  newExpectedAt?: Date;
  delayDays: number;
  salesOrderNo: string;
  customer: string;
}

/** A late supplier delivery, sent to procurement and to the salesperson whose order waits on it. */
export function buildProcurementDelayCard(view: ProcurementDelayCardView, _audience: CardAudience): Card {
  return createCard({
    id: view.cardId,
    kind: 'procurement_delay',
    title: `到货延迟 · ${view.item.name}`,
    subtitle: `${view.purchaseOrderNo} · ${view.supplier}`,
    emphasis: { value: `${view.delayDays} 天`, label: '预计延迟' },
    fields: rows(
      ['原定到货', formatDate(view.promisedAt)],
      ['新预计', view.newExpectedAt === undefined ? '待供应商确认' : formatDate(view.newExpectedAt)],
      ['销售订单', view.salesOrderNo],
      ['客户', view.customer],
    ),
    status: { text: '供应商交付延迟，请与客户确认交期', tone: 'danger', badge: '延迟' },
    actions: [link('查看采购单', paths.purchaseOrder(view.purchaseOrderId))],
    link: { path: paths.purchaseOrder(view.purchaseOrderId) },
  });
}
