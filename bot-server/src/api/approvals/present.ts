import type { ApprovalFlow, ApprovalInstance } from '@kelian/orm';
import type { z } from 'zod';
import type { RunDetail } from '../../domain/approvals/detail.js';
import type { PreviewStep } from '../../domain/approvals/flows.js';
import type { approvalDetail, boxItem, flowJson } from './schemas.js';

const currentStepName = (run: ApprovalInstance) =>
  run.status === 'pending' ? (run.route[run.currentStep]?.name ?? null) : null;

export const boxItemOf = (run: ApprovalInstance, taskId: number | null): z.infer<typeof boxItem> => ({
  id: run.id,
  taskId,
  docType: run.docType,
  docId: run.docId,
  title: run.title,
  status: run.status,
  step: currentStepName(run),
  submitter: { id: run.submitter.id, name: run.submitter.name },
  createdAt: run.createdAt.toISOString(),
});

export const flowJsonOf = (f: ApprovalFlow): z.infer<typeof flowJson> => ({
  id: f.id,
  docType: f.docType,
  version: f.version,
  name: f.name,
  definition: f.definition,
  onNoApprover: f.onNoApprover,
  remindAfterHours: f.remindAfterHours,
  escalateAfterHours: f.escalateAfterHours ?? null,
  createdAt: f.createdAt.toISOString(),
});

export const previewStepOf = ({ approverIds: _ids, ...step }: PreviewStep) => step;

export function detailOf({
  run,
  flow,
  tasks,
  actions,
  myTask,
  figures,
}: RunDetail): z.infer<typeof approvalDetail> {
  const { taskId: _none, ...item } = boxItemOf(run, null);
  return {
    ...item,
    flow: { id: flow.id, name: flow.name, version: flow.version },
    document: run.snapshot,
    figures,
    decidedAt: run.decidedAt?.toISOString() ?? null,
    currentStep: run.currentStep,
    steps: run.route.map(({ approverIds: _ids, ...step }, index) => ({
      ...step,
      tasks: tasks
        .filter((t) => t.step === index)
        .map((t) => ({
          id: t.id,
          approver: { id: t.approver.id, name: t.approver.name },
          status: t.status,
          reason: t.reason ?? null,
          actedAt: t.actedAt?.toISOString() ?? null,
        })),
    })),
    timeline: actions.map((a) => ({
      action: a.action,
      step: a.step ?? null,
      actor: a.actor ? { id: a.actor.id, name: a.actor.name } : null,
      reason: a.reason ?? null,
      targets: a.targetUserIds,
      at: a.at.toISOString(),
    })),
    myTaskId: myTask?.id ?? null,
  };
}
