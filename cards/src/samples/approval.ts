import { FULL_VIEW } from '../audience/audience.js';
import { type ApprovalCardState, type ApprovalCardView, buildApprovalCard } from '../builders/approval.js';
import { type CardSample, NO_AMOUNT_VIEW } from './sample.js';

const contract = (state: ApprovalCardState): ApprovalCardView => ({
  cardId: 'approval-A2001-v1',
  approvalId: 'A2001',
  docType: 'contract',
  docNo: 'HT-2025-0318',
  customer: '华为技术有限公司',
  amountCents: 68_000_000,
  requester: '张三',
  reason: '年度框架合同，含三年维保',
  step: { index: 2, total: 3 },
  state,
});

const sample = (name: string, label: string, state: ApprovalCardState): CardSample => ({
  name: `approval-contract-${name}`,
  label: `合同审批 · ${label}`,
  delivery: state.kind === 'pending' ? 'send' : 'update',
  card: buildApprovalCard(contract(state), FULL_VIEW),
});

export const approvalSamples: CardSample[] = [
  sample('pending', '待审批（第 2/3 步）', { kind: 'pending' }),
  sample('progress', '进行中 2/3', { kind: 'progress', by: '李四', approved: 2, required: 3 }),
  sample('approved', '已通过', { kind: 'approved', by: '王总' }),
  sample('rejected', '已驳回', { kind: 'rejected', by: '李四', reason: '付款周期超出公司政策' }),
  sample('withdrawn', '已撤回', { kind: 'withdrawn', by: '张三' }),
  {
    name: 'approval-discount-pending',
    label: '折扣审批 · 待审批',
    delivery: 'send',
    card: buildApprovalCard(
      {
        cardId: 'approval-A2002-v1',
        approvalId: 'A2002',
        docType: 'discount',
        docNo: 'ZK-2025-0042',
        customer: '上海云帆物流有限公司',
        amountCents: 1_250_000,
        requester: '王五',
        reason: '批量采购 200 台，申请 85 折',
        step: { index: 1, total: 2 },
        state: { kind: 'pending' },
      },
      FULL_VIEW,
    ),
  },
  {
    name: 'approval-purchase-request-pending',
    label: '采购申请审批 · 待审批',
    delivery: 'send',
    card: buildApprovalCard(
      {
        cardId: 'approval-A2003-v1',
        approvalId: 'A2003',
        docType: 'purchase_request',
        docNo: 'CG-2025-0107',
        customer: '华为技术有限公司',
        amountCents: 4_860_000,
        requester: '采购 刘洋',
        reason: '销售订单缺货补采',
        step: { index: 1, total: 1 },
        state: { kind: 'pending' },
      },
      FULL_VIEW,
    ),
  },
  {
    name: 'approval-refund-pending',
    label: '退款审批 · 待审批（群内，金额隐藏）',
    delivery: 'send',
    card: buildApprovalCard(
      {
        cardId: 'approval-A2004-v1',
        approvalId: 'A2004',
        docType: 'refund',
        docNo: 'TK-2025-0009',
        customer: '杭州青禾餐饮管理有限公司',
        amountCents: 329_900,
        requester: '客服 陈晨',
        reason: '设备到货破损，客户要求退款',
        step: { index: 1, total: 2 },
        state: { kind: 'pending' },
      },
      NO_AMOUNT_VIEW,
    ),
  },
];
