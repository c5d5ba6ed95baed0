import type { CardAudience } from '../audience/audience.js';
import { presentAmount } from '../audience/mask.js';
import { formatDate } from '../format/date.js';
import type { Card, CardField, Tone } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link, rows } from './parts.js';
import { paths } from './paths.js';

export type OrderStatusCardState =
  /** Stock is reserved for the whole order. */
  | { kind: 'reserved' }
  /** Part of the order waits for a purchase; the promised date follows procurement. */
  | { kind: 'waiting_procurement'; shortage: string; expectedAt: Date }
  | { kind: 'ready_to_ship' }
  | { kind: 'shipped'; carrier: string; trackingNo: string; shippedAt: Date };

export interface OrderStatusCardView {
  cardId: string;
  orderId: string;
  orderNo: string;
  customer: string;
  amountCents: number;
  /** One line about the goods: `工业传感器 ×120 等 3 项`. */
  itemsSummary: string;
  /** The date promised to the customer. */
  promisedAt: Date;
  state: OrderStatusCardState;
}

function stateView(state: OrderStatusCardState): {
  text: string;
  tone: Tone;
  badge: string;
  extra: CardField[];
} {
  switch (state.kind) {
    case 'reserved':
      return { text: '库存已预留，可按期交付', tone: 'success', badge: '已预留', extra: [] };
    case 'waiting_procurement':
      return {
        text: `部分缺货，等待采购，预计 ${formatDate(state.expectedAt)} 到货`,
        tone: 'warning',
        badge: '待采购',
        extra: rows(['缺货', state.shortage], ['预计到货', formatDate(state.expectedAt)]),
      };
    case 'ready_to_ship':
      return { text: '货已备齐，待发货', tone: 'neutral', badge: '待发货', extra: [] };
    case 'shipped':
      return {
        text: `已于 ${formatDate(state.shippedAt)} 发货`,
        tone: 'success',
        badge: '已发货',
        extra: rows(['物流', `${state.carrier} ${state.trackingNo}`]),
      };
  }
}

/** Where the salesperson's order stands, from reservation to shipping; informs only. */
export function buildOrderStatusCard(view: OrderStatusCardView, audience: CardAudience): Card {
  const amount = presentAmount(view.amountCents, audience.amount);
  const state = stateView(view.state);
  return createCard({
    id: view.cardId,
    kind: 'order_status',
    title: `订单进展 · ${view.customer}`,
    subtitle: view.orderNo,
    fields: [
      ...rows(['货品', view.itemsSummary], ['订单金额', amount], ['承诺交期', formatDate(view.promisedAt)]),
      ...state.extra,
    ],
    status: { text: state.text, tone: state.tone, badge: state.badge },
    actions: [link('查看订单', paths.order(view.orderId))],
    link: { path: paths.order(view.orderId) },
  });
}
