import type { CardAudience } from '../audience/audience.js';
import { presentAmount } from '../audience/mask.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, link, rows } from './parts.js';
import { paths } from './paths.js';

/** The instalment now: nothing in yet, part of it in, all of it in, or no longer owed. */
export type ReceivableCardState = 'unpaid' | 'partial' | 'paid' | 'cancelled';

export interface ReceivableCardView {
  cardId: string;
  instalmentId: string;
  customerId: string;
  customerName: string;
  contractNo: string;
  /** 第 N 期. */
  seq: number;
  dueDate: string;
  amountCents: number;
  openCents: number;
  /** When the reminder was sent: 3天后到期, 今天到期, 已逾期. */
  when?: string;
  state: ReceivableCardState;
}

/**
 * A receivable reminder (第2期 ¥120,000 3天后到期) to the contract's owner, a task card with the
 * two answers a rep gives: 已回款 (finance records it) or 延期 (by a week). Amounts follow the
 * audience's money rule like every amount on a card.
 */
export function buildReceivableCard(view: ReceivableCardView, audience: CardAudience): Card {
  const amount = presentAmount(view.amountCents, audience.amount);
  const open = presentAmount(view.openCents, audience.amount);
  const base = {
    id: view.cardId,
    kind: 'task' as const,
    title: `回款提醒 · 第${view.seq}期${amount === undefined ? '' : ` ${amount}`}${view.when ? ` · ${view.when}` : ''}`,
    subtitle: `${view.customerName} · 合同 ${view.contractNo}`,
    fields: rows(
      ['客户', view.customerName],
      ['合同', view.contractNo],
      ['回款日', view.dueDate],
      ['未回款', open],
    ),
    link: { path: paths.customer(view.customerId) },
  };
  const answers = [
    callback('已回款', 'primary', 'receivable.paid', view.instalmentId),
    callback('延期7天', 'default', 'receivable.defer', view.instalmentId, '7d'),
    link('打开客户', paths.customer(view.customerId)),
  ];
  switch (view.state) {
    case 'unpaid':
      return createCard({
        ...base,
        status: { text: `请在 ${view.dueDate} 前跟进回款`, tone: 'warning', badge: '待回款' },
        actions: answers,
      });
    case 'partial':
      return createCard({
        ...base,
        status: {
          text: `已部分回款${open === undefined ? '' : `，还差 ${open}`}`,
          tone: 'warning',
          badge: '部分回款',
        },
        actions: answers,
      });
    case 'paid':
      return createCard({
        ...base,
        status: { text: '已回款', tone: 'success', badge: '已回款' },
        actions: [],
      });
    case 'cancelled':
      return createCard({
        ...base,
        status: { text: '这一期已取消', tone: 'neutral', badge: '已取消' },
        actions: [],
      });
  }
}
