import { FULL_VIEW } from '../audience/audience.js';
import { buildProcurementDelayCard } from '../builders/procurement-delay.js';
import {
  buildProcurementProgressCard,
  type ProcurementProgressCardView,
  type ProcurementStage,
} from '../builders/procurement-progress.js';
import {
  buildPurchaseRequestCard,
  type PurchaseRequestCardState,
  type PurchaseRequestCardView,
} from '../builders/purchase-request.js';
import { at, type CardSample } from './sample.js';

const item = { sku: 'SEN-T200', name: '工业温湿度传感器', unit: '台' };

const request = (state: PurchaseRequestCardState): PurchaseRequestCardView => ({
  cardId: 'purchase_request-PR6001-v1',
  requestId: 'PR6001',
  requestNo: 'QG-2025-0311',
  item,
  shortageQty: 80,
  needBy: at('2025-03-15T00:00'),
  salesOrderNo: 'SO-2025-0456',
  suggestedSupplier: { name: '深圳精测电子', onTimeRate: 0.96, lastUnitPriceCents: 32_500 },
  state,
});

const progress = (stage: ProcurementStage, receivedQty: number): ProcurementProgressCardView => ({
  cardId: `procurement_progress-PO7001-${stage}`,
  purchaseOrderId: 'PO7001',
  purchaseOrderNo: 'CGD-2025-0088',
  supplier: '深圳精测电子',
  item,
  orderedQty: 80,
  receivedQty,
  stage,
  expectedAt: at('2025-03-14T00:00'),
  salesOrderNo: 'SO-2025-0456',
});

export const procurementSamples: CardSample[] = [
  {
    name: 'purchase-request-open',
    label: '采购申请 · 待接单',
    delivery: 'send',
    card: buildPurchaseRequestCard(request({ kind: 'open' }), FULL_VIEW),
  },
  {
    name: 'purchase-request-accepted',
    label: '采购申请 · 已接单',
    delivery: 'update',
    card: buildPurchaseRequestCard(request({ kind: 'accepted', by: '刘洋' }), FULL_VIEW),
  },
  ...(
    [
      ['ordered', '已下单', 0],
      ['shipped', '已发货', 0],
      ['partially_received', '部分到货', 50],
      ['received', '已到货', 80],
    ] as const
  ).map(
    ([stage, label, received]): CardSample => ({
      name: `procurement-progress-${stage.replace('_', '-')}`,
      label: `采购进度 · ${label}`,
      delivery: 'send',
      card: buildProcurementProgressCard(progress(stage, received), FULL_VIEW),
    }),
  ),
  {
    name: 'procurement-delay',
    label: '采购预警 · 到货延迟',
    delivery: 'send',
    card: buildProcurementDelayCard(
      {
        cardId: 'procurement_delay-PO7001-1',
        purchaseOrderId: 'PO7001',
        purchaseOrderNo: 'CGD-2025-0088',
        supplier: '深圳精测电子',
        item,
        promisedAt: at('2025-03-14T00:00'),
        newExpectedAt: at('2025-03-18T00:00'),
        delayDays: 4,
        salesOrderNo: 'SO-2025-0456',
        customer: '华为技术有限公司',
      },
      FULL_VIEW,
    ),
  },
];
