import type { CardAudience } from '../audience/audience.js';
import { presentAmount } from '../audience/mask.js';
import { formatDate } from '../format/date.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link, rows } from './parts.js';
import { paths } from './paths.js';

export interface DailyDigestCardView {
  cardId: string;
  date: Date;
  /** Whose numbers: a team or department name. */
  scope: string;
  figures: {
    newLeads: number;
    followUps: number;
    wonDeals: number;
    wonAmountCents: number;
    pendingApprovals: number;
    slaBreaches: number;
  };
  /** The day's top items, most important first; an amount is masked like every other. */
  topItems: { text: string; amountCents?: number }[];
}

/** The manager's end-of-day summary; informs only. */
export function buildDailyDigestCard(view: DailyDigestCardView, audience: CardAudience): Card {
  const f = view.figures;
  const won = presentAmount(f.wonAmountCents, audience.amount);
  const items = view.topItems.map((item, i) => {
    const amount =
      item.amountCents === undefined ? undefined : presentAmount(item.amountCents, audience.amount);
    return `${i + 1}. ${item.text}${amount === undefined ? '' : ` ${amount}`}`;
  });
  return createCard({
    id: view.cardId,
    kind: 'daily_digest',
    title: `${view.scope}日报 · ${formatDate(view.date)}`,
    subtitle: '今日销售与服务概览',
    emphasis:
      won === undefined
        ? { value: `${f.wonDeals} 单`, label: '今日成交' }
        : { value: won, label: '今日成交金额' },
    fields: rows(
      ['新线索', String(f.newLeads)],
      ['跟进', String(f.followUps)],
      ['成交', `${f.wonDeals} 单`],
      ['待审批', String(f.pendingApprovals)],
      ['SLA超时', String(f.slaBreaches)],
    ),
    status: {
      text: items.length === 0 ? '今日无重点事项' : `今日要点：${items.join('；')}`,
      tone: 'neutral',
      badge: '日报',
    },
    actions: [link('查看看板', paths.dashboard())],
    link: { path: paths.dashboard() },
  });
}
