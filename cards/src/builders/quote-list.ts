import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link } from './parts.js';
import { paths } from './paths.js';

/** One quote as the card lists it (amounts already formatted by the server). */
export interface QuoteListItem {
  id: string;
  number: string;
  status: string;
  total: string;
}

export interface QuoteListCardView {
  cardId: string;
  customerId: string;
  customerName: string;
  /** Newest first. */
  quotes: QuoteListItem[];
  /** The customer has more quotes than are shown. */
  more: boolean;
}

/** Rows a card shows (WeCom's text_notice card takes 6); the buttons open the newest 3 (its jump_list). */
export const QUOTE_LIST_MAX = 6;
const linksShown = 3;

/** The answer to `报价 <客户>`: the customer's quotes with status and total, each openable. */
export function buildQuoteListCard(view: QuoteListCardView): Card {
  const shown = view.quotes.slice(0, QUOTE_LIST_MAX);
  const more = view.more || view.quotes.length > shown.length;
  return createCard({
    id: view.cardId,
    kind: 'quote_list',
    title: `报价：${view.customerName}`,
    subtitle: more ? `最近的 ${shown.length} 份报价` : `共 ${shown.length} 份报价`,
    // WeCom cuts a row's key after 5 characters and its value after 26: the status and number · total fit.
    fields: shown.map((q) => ({ label: q.status, value: `${q.number} · ${q.total}` })),
    status: { text: more ? '更多报价请在小程序中查看' : '点击报价查看详情', tone: 'neutral', badge: '报价' },
    actions: shown.slice(0, linksShown).map((q) => link(`打开 ${q.number}`, paths.quote(q.id))),
    link: { path: paths.customerQuotes(view.customerId) },
  });
}
