import type { CardAudience } from '../audience/audience.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { rows } from './parts.js';

export type SurveyScore = 1 | 2 | 3 | 4 | 5;

export type SurveyCardState = { kind: 'open' } | { kind: 'rated'; score: SurveyScore };

export interface SurveyCardView {
  cardId: string;
  ticketId: string;
  ticketNo: string;
  summary: string;
  agentName: string;
  state: SurveyCardState;
}

const OPTIONS: { id: string; text: string }[] = [
  { id: '5', text: '★★★★★ 非常满意' },
  { id: '4', text: '★★★★ 满意' },
  { id: '3', text: '★★★ 一般' },
  { id: '2', text: '★★ 不满意' },
  { id: '1', text: '★ 非常不满意' },
];

/** The 1–5 satisfaction question sent when a ticket closes, then the thanks. */
export function buildSurveyCard(view: SurveyCardView, _audience: CardAudience): Card {
  const base = {
    id: view.cardId,
    kind: 'survey' as const,
    title: '服务满意度评价',
    subtitle: `工单 ${view.ticketNo} 已解决，请为本次服务打分`,
    fields: rows(['工单', view.ticketNo], ['问题', view.summary], ['客服', view.agentName]),
    actions: [],
  };
  const key = { verb: 'survey.rate' as const, id: view.ticketId };
  const { state } = view;
  switch (state.kind) {
    case 'open':
      return createCard({
        ...base,
        status: { text: '请选择 1–5 星', tone: 'neutral', badge: '待评价' },
        poll: { key, options: OPTIONS },
      });
    case 'rated':
      return createCard({
        ...base,
        // A low score reopens or escalates the ticket (PRODUCT.md §6); say so instead of a plain thanks.
        status:
          state.score <= 2
            ? { text: '感谢反馈，服务主管会尽快联系您', tone: 'warning', badge: '已评价' }
            : { text: '感谢您的评价！', tone: 'success', badge: '已评价' },
        poll: { key, options: OPTIONS, answered: String(state.score) },
      });
  }
}
