import { type ApprovalAction, ApprovalActionSchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

// What happened to the approvals of the customer's documents: submitted, approved, rejected with
// the reason, withdrawn. CCs and steps passed by themselves are the approval's own timeline only.

const verbs: Partial<Record<ApprovalAction['action'], string>> = {
  submit: '提交审批',
  approve: '同意',
  reject: '驳回',
  withdraw: '撤回审批',
};

export const approvalsSource = rowSource<ApprovalAction>({
  name: 'approval',
  entity: ApprovalActionSchema,
  column: 'at',
  where: ({ customer }) => ({
    instance: { customer: customer.id },
    action: { $in: ['submit', 'approve', 'reject', 'withdraw'] },
  }),
  populate: ['instance', 'actor'],
  entry: (action) => ({
    at: action.at,
    type: 'approval',
    title: `${verbs[action.action] ?? action.action}：${action.instance.title}`,
    body: action.reason ? `理由：${action.reason}` : null,
    by: personOf(action.actor),
  }),
});
