import { FULL_VIEW } from '../audience/audience.js';
import { buildOrderStatusCard, type OrderStatusCardState } from '../builders/order-status.js';
import { at, type CardSample } from './sample.js';

const sample = (name: string, label: string, state: OrderStatusCardState): CardSample => ({
  name: `order-${name}`,
  label: `订单进展 · ${label}`,
  delivery: 'send',
  card: buildOrderStatusCard(
    {
      cardId: `order_status-SO456-${name}`,
      orderId: 'SO456',
      orderNo: 'SO-2025-0456',
      customer: '华为技术有限公司',
      amountCents: 6_240_000,
      itemsSummary: '工业温湿度传感器 ×200 等 3 项',
      promisedAt: at('2025-03-20T00:00'),
      state,
    },
    FULL_VIEW,
  ),
});

export const orderSamples: CardSample[] = [
  sample('reserved', '已预留库存', { kind: 'reserved' }),
  sample('waiting-procurement', '等待采购', {
    kind: 'waiting_procurement',
    shortage: '工业温湿度传感器 ×80',
    expectedAt: at('2025-03-14T00:00'),
  }),
  sample('ready-to-ship', '待发货', { kind: 'ready_to_ship' }),
  sample('shipped', '已发货', {
    kind: 'shipped',
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890',
    shippedAt: at('2025-03-16T10:00'),
  }),
];
