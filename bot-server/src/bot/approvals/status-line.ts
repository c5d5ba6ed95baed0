import {
  type ApprovalActionKind,
  ApprovalActionSchema,
  ApprovalInstanceSchema,
  type ApprovalStatus,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

// 查看进度 on a CC's or a submitter's card: the run's timeline, one line per action, in the chat.

const verbs: Record<ApprovalActionKind, string> = {
  submit: '提交',
  approve: '同意',
  reject: '驳回',
  withdraw: '撤回',
  transfer: '转交',
  auto_pass: '自动通过',
  cc: '抄送',
  remind: '催办',
};

const statusLabels: Record<ApprovalStatus, string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

export async function statusLine(em: EntityManager, runId: number): Promise<string> {
  const run = await em.findOneOrFail(ApprovalInstanceSchema, runId);
  const actions = await em.find(
    ApprovalActionSchema,
    { instance: runId },
    { populate: ['actor'], orderBy: { id: 'asc' } },
  );
  const lines = actions.map((a) => {
    const step = a.step === null || a.step === undefined ? '' : `${run.route[a.step]?.name ?? ''} · `;
    const reason = a.reason ? `：${a.reason}` : '';
    return `· ${step}${a.actor?.name ?? '系统'} ${verbs[a.action as ApprovalActionKind]}${reason}`;
  });
  return [`${run.title}（${statusLabels[run.status as ApprovalStatus]}）`, ...lines].join('\n');
}
