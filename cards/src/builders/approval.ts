import type { CardAudience } from '../audience/audience.js';
import { presentAmount } from '../audience/mask.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, link, rows } from './parts.js';
import { paths } from './paths.js';

export type ApprovalDocType = 'contract' | 'discount' | 'purchase_request' | 'refund';

const DOC: Record<ApprovalDocType, { name: string; amountLabel: string }> = {
  contract: { name: '合同审批', amountLabel: '合同金额' },
  discount: { name: '折扣审批', amountLabel: '折扣金额' },
  purchase_request: { name: '采购申请审批', amountLabel: '采购金额' },
  refund: { name: '退款审批', amountLabel: '退款金额' },
};

export type ApprovalCardState =
  | { kind: 'pending' }
  /** One more approval in a multi-approval step or flow: "李四 已同意 2/3". */
  | { kind: 'progress'; by: string; approved: number; required: number }
  | { kind: 'approved'; by: string }
  | { kind: 'rejected'; by: string; reason: string }
  | { kind: 'withdrawn'; by: string };

export interface ApprovalCardView {
  cardId: string;
  approvalId: string;
  docType: ApprovalDocType;
  /** The document's own number: 合同编号, 退款单号… */
  docNo: string;
  customer: string;
  amountCents: number;
  requester: string;
  reason: string;
  /** Where the flow stands: step 2 of 3. */
  step: { index: number; total: number };
  state: ApprovalCardState;
}

/** An approval waiting in the approvers' chats, and every state it passes through. */
export function buildApprovalCard(view: ApprovalCardView, audience: CardAudience): Card {
  const doc = DOC[view.docType];
  const amount = presentAmount(view.amountCents, audience.amount);
  const detail = link('查看详情', paths.approval(view.approvalId));
  const decide = [
    callback('同意', 'primary', 'approval.approve', view.approvalId),
    callback('驳回', 'danger', 'approval.reject', view.approvalId),
    detail,
  ];
  const base = {
    id: view.cardId,
    kind: 'approval' as const,
    title: `${doc.name} · ${view.customer}`,
    subtitle: `${view.requester} 提交`,
    ...(amount === undefined ? {} : { emphasis: { value: amount, label: doc.amountLabel } }),
    fields: rows(
      ['单据', view.docNo],
      ['客户', view.customer],
      ['申请人', view.requester],
      ['审批进度', `第 ${view.step.index}/${view.step.total} 步`],
      ['事由', view.reason],
    ),
    link: { path: paths.approval(view.approvalId) },
  };
  const { state } = view;
  switch (state.kind) {
    case 'pending':
      return createCard({
        ...base,
        status: { text: '待审批，请尽快处理', tone: 'warning', badge: '待审批' },
        actions: decide,
      });
    case 'progress':
      return createCard({
        ...base,
        status: {
          text: `${state.by} 已同意 ${state.approved}/${state.required}`,
          tone: 'neutral',
          badge: `${state.approved}/${state.required} 已同意`,
        },
        actions: decide,
      });
    case 'approved':
      return createCard({
        ...base,
        status: { text: `${state.by} 已同意，审批通过`, tone: 'success', badge: '已通过' },
        actions: [],
      });
    case 'rejected':
      return createCard({
        ...base,
        status: { text: `${state.by} 已驳回：${state.reason}`, tone: 'danger', badge: '已驳回' },
        actions: [],
      });
    case 'withdrawn':
      return createCard({
        ...base,
        status: { text: `${state.by} 已撤回申请`, tone: 'neutral', badge: '已撤回' },
        actions: [],
      });
  }
}
