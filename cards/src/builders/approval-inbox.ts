import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { link } from './parts.js';
import { paths } from './paths.js';

export interface ApprovalInboxCardView {
  cardId: string;
  /** The newest pending approvals first, at most six. */
  items: { runId: string; submitter: string; title: string }[];
  /** How many more wait beyond those shown. */
  more: boolean;
}

/** 审批 in the chat: what waits for the user's decision, each one a tap away from its page. */
export function buildApprovalInboxCard(view: ApprovalInboxCardView): Card {
  const shown = view.items.slice(0, 6);
  const count = `${shown.length}${view.more ? '+' : ''}`;
  return createCard({
    id: view.cardId,
    kind: 'approval',
    title: shown.length === 0 ? '没有待你审批的单据' : `待你审批 · ${count} 项`,
    fields: shown.map((item) => ({ label: item.submitter, value: item.title })),
    status:
      shown.length === 0
        ? { text: '新的审批到来时会在这里以卡片通知你', tone: 'success', badge: '已清空' }
        : { text: '点开逐项审批，或在每张审批卡片上直接同意 / 驳回', tone: 'warning', badge: '待审批' },
    // The three newest open straight to their decision page; the list holds the rest.
    actions: shown.slice(0, 3).map((item, i) => link(`打开第 ${i + 1} 项`, paths.approval(item.runId))),
    link: { path: paths.approvals() },
  });
}
