import {
  type ApprovalCardRole,
  type ApprovalCardState,
  type ApprovalCardView,
  approvalReasonOptions,
  buildApprovalCard,
} from '../builders/approval.js';
import type { CardSample } from './sample.js';

const reasons = approvalReasonOptions(['价格过低', '信息不全', '客户资质不符']);
const approver = (mine: Extract<ApprovalCardRole, { kind: 'approver' }>['mine']): ApprovalCardRole => ({
  kind: 'approver',
  step: 1,
  mine,
  reasons,
});

const sample = (
  name: string,
  label: string,
  state: ApprovalCardState,
  role: ApprovalCardRole,
  delivery: CardSample['delivery'] = 'update',
  nudge?: ApprovalCardView['nudge'],
): CardSample => ({
  name: `approval-contract-${name}`,
  label: `合同审批 · ${label}`,
  delivery,
  card: buildApprovalCard({
    cardId: 'approval-2001-1-7-a1b2c3d4e5',
    runId: '2001',
    title: '合同审批 · 华为技术有限公司',
    submitter: '张伟',
    emphasis: { label: '合同金额', value: '¥600,000.00' },
    figures: [
      { label: '合同编号', value: 'HT-2026-0318' },
      { label: '客户', value: '华为技术有限公司' },
      { label: '合同期限', value: '2027-01-01 至 2027-12-31' },
    ],
    state,
    role,
    ...(nudge && { nudge }),
  }),
});

const waiting = { kind: 'pending', total: 3 } as const;

export const approvalSamples: CardSample[] = [
  sample(
    'pending',
    '待审批（审批人）',
    { ...waiting, done: 0, waitingFor: ['李娜'] },
    approver({ kind: 'open' }),
    'send',
  ),
  sample(
    'reminder',
    '催办（超时提醒审批人）',
    { ...waiting, done: 0, waitingFor: ['李娜'] },
    approver({ kind: 'open' }),
    'send',
    { by: 'timer', document: '合同 ¥600,000.00', hours: 26 },
  ),
  sample(
    'progress',
    '李娜 已同意 · 1/3（财务或签）',
    { ...waiting, done: 1, waitingFor: ['罗娟', '梁宇'], lastApprover: '李娜' },
    approver({ kind: 'open' }),
  ),
  sample(
    'skipped',
    '或签：已由他人处理',
    { ...waiting, done: 2, waitingFor: ['王建国'], lastApprover: '罗娟' },
    approver({ kind: 'skipped', by: '罗娟' }),
  ),
  sample(
    'transferred',
    '已转交',
    { ...waiting, done: 0, waitingFor: ['赵磊'] },
    approver({ kind: 'transferred', to: '赵磊' }),
  ),
  sample(
    'cc',
    '抄送',
    { ...waiting, done: 1, waitingFor: ['罗娟', '梁宇'], lastApprover: '李娜' },
    { kind: 'cc' },
    'send',
  ),
  sample(
    'group',
    '商机群',
    { ...waiting, done: 1, waitingFor: ['罗娟', '梁宇'], lastApprover: '李娜' },
    { kind: 'group' },
    'send',
  ),
  sample(
    'submitter',
    '发起人（可撤回）',
    { ...waiting, done: 1, waitingFor: ['罗娟', '梁宇'], lastApprover: '李娜' },
    { kind: 'submitter' },
    'send',
  ),
  sample('approved', '已通过', { kind: 'approved', total: 3, by: '王建国' }, approver({ kind: 'closed' })),
  sample(
    'rejected',
    '已驳回（发起人收到的结果）',
    { kind: 'rejected', by: '王建国', reason: '价格过低' },
    { kind: 'outcome' },
    'send',
  ),
  sample('withdrawn', '已撤回', { kind: 'withdrawn', by: '张伟' }, approver({ kind: 'closed' })),
];
