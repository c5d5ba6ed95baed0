import type { CardAudience } from '../audience/audience.js';
import { presentPhone } from '../audience/mask.js';
import { formatDateTime, formatDuration } from '../format/date.js';
import type { Card, Tone } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, rows } from './parts.js';
import { paths } from './paths.js';

export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';

const PRIORITY: Record<TicketPriority, { label: string; tone: Tone }> = {
  low: { label: '低', tone: 'neutral' },
  normal: { label: '普通', tone: 'neutral' },
  high: { label: '高', tone: 'warning' },
  urgent: { label: '紧急', tone: 'danger' },
};

export type TicketCardState =
  | { kind: 'new' }
  | { kind: 'accepted'; by: string }
  | { kind: 'escalated'; by: string; to: string }
  /** The SLA deadline passed while the ticket was still open. */
  | { kind: 'sla_breached'; overdueMinutes: number }
  | { kind: 'resolved'; by: string };

export interface TicketCardView {
  cardId: string;
  ticketId: string;
  ticketNo: string;
  customer: string;
  customerPhone?: string;
  category: string;
  priority: TicketPriority;
  summary: string;
  slaDeadline: Date;
  state: TicketCardState;
}

/** A service ticket alert for the agents' group, with its SLA. */
export function buildTicketCard(view: TicketCardView, audience: CardAudience): Card {
  const phone =
    view.customerPhone === undefined ? undefined : presentPhone(view.customerPhone, audience.phone);
  const priority = PRIORITY[view.priority];
  const handle = [
    callback('接单', 'primary', 'ticket.accept', view.ticketId),
    callback('转派', 'default', 'ticket.reassign', view.ticketId),
    callback('升级', 'danger', 'ticket.escalate', view.ticketId),
  ];
  const base = {
    id: view.cardId,
    kind: 'ticket' as const,
    title: `工单 · ${view.summary}`,
    subtitle: `工单号 ${view.ticketNo}`,
    fields: rows(
      ['客户', view.customer],
      ['电话', phone],
      ['分类', view.category],
      ['优先级', priority.label],
      ['SLA', `${formatDateTime(view.slaDeadline)} 前处理`],
    ),
    link: { path: paths.ticket(view.ticketId) },
  };
  const { state } = view;
  switch (state.kind) {
    case 'new':
      return createCard({
        ...base,
        status: { text: '新工单，待接单', tone: priority.tone, badge: '待接单' },
        actions: handle,
      });
    case 'accepted':
      return createCard({
        ...base,
        status: { text: `${state.by} 已接单`, tone: 'success', badge: '已接单' },
        actions: [],
      });
    case 'escalated':
      return createCard({
        ...base,
        status: { text: `${state.by} 已升级给 ${state.to}`, tone: 'warning', badge: '已升级' },
        actions: [],
      });
    case 'sla_breached':
      return createCard({
        ...base,
        status: {
          text: `已超出 SLA ${formatDuration(state.overdueMinutes)}，请立即处理`,
          tone: 'danger',
          badge: 'SLA超时',
        },
        actions: handle,
      });
    case 'resolved':
      return createCard({
        ...base,
        status: { text: `${state.by} 已解决`, tone: 'success', badge: '已解决' },
        actions: [],
      });
  }
}
