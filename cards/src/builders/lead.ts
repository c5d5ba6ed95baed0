import type { CardAudience } from '../audience/audience.js';
import { presentPhone } from '../audience/mask.js';
import { formatDateTime } from '../format/date.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, rows } from './parts.js';
import { paths } from './paths.js';

export type LeadCardState =
  | { kind: 'new' }
  | { kind: 'claimed'; by: string }
  | { kind: 'reassigned'; by: string; to: string }
  | { kind: 'invalid'; by: string; reason?: string };

export interface LeadCardView {
  cardId: string;
  leadId: string;
  /** Where the lead came from: 官网表单, 展会, 客户联系… */
  source: string;
  region: string;
  company: string;
  contactName: string;
  contactPhone?: string;
  createdAt: Date;
  state: LeadCardState;
}

/**
 * A new lead offered to a team, and what became of it. When it came in is an absolute time: a card
 * stays in the chat for days, and "刚刚" would stay "刚刚".
 */
export function buildLeadCard(view: LeadCardView, audience: CardAudience): Card {
  const phone = view.contactPhone === undefined ? undefined : presentPhone(view.contactPhone, audience.phone);
  const base = {
    id: view.cardId,
    kind: 'lead' as const,
    title: view.company,
    subtitle: `销售线索 · ${formatDateTime(view.createdAt)}`,
    fields: rows(['联系人', view.contactName], ['电话', phone], ['地区', view.region], ['来源', view.source]),
    link: { path: paths.lead(view.leadId) },
    footer: `线索编号 ${view.leadId}`,
  };
  const { state } = view;
  switch (state.kind) {
    case 'new':
      return createCard({
        ...base,
        status: { text: '待认领，先到先得', tone: 'warning', badge: '待认领' },
        actions: [
          callback('认领', 'primary', 'lead.claim', view.leadId),
          callback('转派', 'default', 'lead.reassign', view.leadId),
          callback('无效', 'danger', 'lead.invalid', view.leadId),
        ],
      });
    case 'claimed':
      return createCard({
        ...base,
        status: { text: `已被 ${state.by} 认领`, tone: 'success', badge: '已认领' },
        actions: [],
      });
    case 'reassigned':
      return createCard({
        ...base,
        status: { text: `${state.by} 已转派给 ${state.to}`, tone: 'neutral', badge: '已转派' },
        actions: [],
      });
    case 'invalid':
      return createCard({
        ...base,
        status: {
          text: state.reason ? `${state.by} 标记为无效：${state.reason}` : `${state.by} 标记为无效`,
          tone: 'danger',
          badge: '无效',
        },
        actions: [],
      });
  }
}
