import {
  type ApprovalActionKind,
  ApprovalActionSchema,
  type ApprovalInstance,
  ApprovalTaskSchema,
  type ApprovalTaskStatus,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Auditor } from '../audit/audit.js';
import { runActions } from './actions.js';
import { documentTypeOf } from './document-type-of.js';
import type { ApprovalNotices } from './notices.js';

// Moving a run along its resolved route, inside the transaction that holds the run's row lock:
// opening a step (its tasks, its messages), passing steps nobody approves, ending the run and
// telling the document its outcome.

export interface RunContext {
  tx: EntityManager;
  auditor: Auditor;
  notices: ApprovalNotices;
}

/** Opens the step at `index`, or the first one after it that waits for somebody; the end approves. */
export async function openStep(ctx: RunContext, run: ApprovalInstance, index: number): Promise<void> {
  const { tx, notices } = ctx;
  for (let at = index; at < run.route.length; at++) {
    const step = run.route[at]!;
    run.currentStep = at;
    if (step.kind === 'cc') {
      for (const id of step.approverIds) task(tx, run, at, 0, id, 'notified');
      log(tx, run, at, null, 'cc', null, step.approverIds);
      await notices.toCc(tx, run, step.approverIds);
      continue;
    }
    if (step.approverIds.length === 0) {
      log(tx, run, at, null, 'auto_pass', null);
      continue;
    }
    const sequential = step.mode === 'sequential';
    step.approverIds.forEach((id, n) => {
      task(tx, run, at, n, id, sequential && n > 0 ? 'waiting' : 'pending');
    });
    await notices.toApprovers(tx, run, step, sequential ? step.approverIds.slice(0, 1) : step.approverIds);
    return;
  }
  await finish(ctx, run, 'approved', null);
}

/** Ends the run and applies its outcome to the document. */
export async function finish(
  ctx: RunContext,
  run: ApprovalInstance,
  status: 'approved' | 'rejected' | 'withdrawn',
  by: string | null,
  reason?: string,
): Promise<void> {
  run.status = status;
  run.decidedAt = new Date();
  if (status === 'approved') await runActions(ctx, run, 'end');
  await (await documentTypeOf(ctx.tx, run.docType)).settle(
    ctx.tx,
    run.docId,
    status,
    ctx.auditor,
    ctx.notices,
  );
  if (status !== 'withdrawn') await ctx.notices.outcome(ctx.tx, run, by, reason);
}

/** Ends every task still open on the run; answers the people who were waiting to decide. */
export async function cancelOpenTasks(
  tx: EntityManager,
  run: ApprovalInstance,
  except?: number,
): Promise<number[]> {
  const open = await tx.find(ApprovalTaskSchema, {
    instance: run.id,
    status: { $in: ['pending', 'waiting'] },
  });
  const pending = open.filter((t) => t.status === 'pending' && t.id !== except).map((t) => t.approver.id);
  for (const t of open) if (t.id !== except) t.status = 'cancelled';
  return pending;
}

export function task(
  tx: EntityManager,
  run: ApprovalInstance,
  step: number,
  position: number,
  approverId: number,
  status: ApprovalTaskStatus,
) {
  return tx.create(ApprovalTaskSchema, {
    instance: run,
    step,
    position,
    approver: tx.getReference(UserSchema, approverId),
    status,
  });
}

export function log(
  tx: EntityManager,
  run: ApprovalInstance,
  step: number | null,
  actorId: number | null,
  action: ApprovalActionKind,
  reason: string | null,
  targetUserIds: number[] = [],
) {
  tx.create(ApprovalActionSchema, {
    instance: run,
    step,
    actor: actorId === null ? null : tx.getReference(UserSchema, actorId),
    action,
    reason,
    targetUserIds,
  });
}
