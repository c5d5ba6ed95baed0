import { buildTicketCard, type TicketCardState, type TicketCardView } from '../builders/ticket.js';
import { at, type CardSample, GROUP_VIEW } from './sample.js';

const view = (state: TicketCardState): TicketCardView => ({
  cardId: 'ticket-T3001-v1',
  ticketId: 'T3001',
  ticketNo: 'GD-20250308-017',
  customer: '杭州青禾餐饮管理有限公司',
  customerPhone: '13987654321',
  category: '设备故障',
  priority: 'high',
  summary: '收银一体机无法开机',
  slaDeadline: at('2025-03-08T18:00'),
  state,
});

const sample = (name: string, label: string, state: TicketCardState): CardSample => ({
  name: `ticket-${name}`,
  label: `工单 · ${label}`,
  delivery: state.kind === 'new' ? 'send' : 'update',
  card: buildTicketCard(view(state), GROUP_VIEW),
});

export const ticketSamples: CardSample[] = [
  sample('new', '新工单', { kind: 'new' }),
  sample('accepted', '已接单', { kind: 'accepted', by: '陈晨' }),
  sample('escalated', '已升级', { kind: 'escalated', by: '陈晨', to: '服务主管 周航' }),
  sample('sla-breached', 'SLA 超时', { kind: 'sla_breached', overdueMinutes: 45 }),
  sample('resolved', '已解决', { kind: 'resolved', by: '陈晨' }),
];
