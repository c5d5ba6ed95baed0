import { type ApprovalInstance, type ApprovalTask, ApprovalTaskSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Auditor, audit } from '../audit/audit.js';
import type { ApprovalNotices } from './notices.js';
import { log, task } from './steps.js';

// 转交, whoever does it: the approver choosing a colleague, or the timer handing a task nobody
// decided to the approver's manager. The task ends as transferred and the same step, same turn,
// waits for the new approver, who gets the card; every copy shows it.

/** Whether `userId` already has an open task on the run's current step (so cannot be handed one). */
export async function onCurrentStep(
  tx: EntityManager,
  run: ApprovalInstance,
  userId: number,
): Promise<boolean> {
  const open = await tx.count(ApprovalTaskSchema, {
    instance: run.id,
    step: run.currentStep,
    approver: userId,
    status: { $in: ['pending', 'waiting'] },
  });
  return open > 0;
}

export interface HandOver {
  to: { id: number; name: string };
  from: string;
  /** Who hands it on: a person (on the timeline and in the audit log), or nobody (the timer). */
  by: Auditor;
  /** Why, for the timeline: 超时 48 小时，系统转交给 王建国. */
  reason: string | null;
  /** When: the new approver's task waits from then (the timer's scan passes the time it acts as of). */
  at: Date;
}

export async function handOver(
  tx: EntityManager,
  run: ApprovalInstance,
  own: ApprovalTask,
  { to, from, by, reason, at }: HandOver,
  notices: ApprovalNotices,
): Promise<void> {
  Object.assign(own, { status: 'transferred', byUserId: to.id, actedAt: at });
  task(tx, run, own.step, own.position, to.id, 'pending').createdAt = at;
  log(tx, run, own.step, by.user?.id ?? null, 'transfer', reason, [to.id]);
  audit(tx, by, {
    action: 'update',
    objectType: 'approval',
    objectId: run.id,
    changes: {
      [`step${own.step + 1}`]: { before: from, after: to.name },
      ...(reason && { reason: { before: null, after: reason } }),
    },
  });
  await notices.toApprovers(tx, run, run.route[run.currentStep]!, [to.id]);
  await notices.changed(tx, run);
}
