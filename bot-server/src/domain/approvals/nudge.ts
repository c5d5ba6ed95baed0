import {
  ApprovalActionSchema,
  type ApprovalInstance,
  type ApprovalTask,
  ApprovalTaskSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import type { ApprovalNotices } from './notices.js';
import { lockOwnPendingRun } from './run-lock.js';
import { log } from './steps.js';

// 催办 by the submitter (the mini-app's button, the API): each approver the current step waits for
// gets the same reminder card the timer sends, saying who reminds them. At most once an hour per
// approver, or the button becomes a way to spam a colleague: reminded within the hour are left out,
// and when that is everyone the 催办 is refused with how long to wait. The run's lock orders two
// presses, so the second reads the first's timeline entry.

const oneHourMs = 3_600_000;

/** Whole hours `task` has waited: since it was created, or since the approver before it decided. */
function waitedHours(tasks: readonly ApprovalTask[], task: ApprovalTask, now: Date): number {
  const before = tasks
    .filter((o) => o.step === task.step && o.position < task.position && o.actedAt)
    .map((o) => o.actedAt!.getTime());
  return Math.floor((now.getTime() - Math.max(task.createdAt.getTime(), ...before)) / oneHourMs);
}

export function nudgeApprovers(
  em: EntityManager,
  acting: Acting,
  runId: number,
  notices: ApprovalNotices,
): Promise<ApprovalInstance> {
  return em.transactional(async (tx) => {
    const run = await lockOwnPendingRun(tx, acting, runId, 'approval-remind-submitter-only');
    const now = new Date();
    const tasks = await tx.find(ApprovalTaskSchema, { instance: run.id, step: run.currentStep });
    const recent = await tx.find(ApprovalActionSchema, {
      instance: run.id,
      step: run.currentStep,
      action: 'remind',
      actor: acting.user.id,
      at: { $gt: new Date(now.getTime() - oneHourMs) },
    });
    const reminded = new Set(recent.flatMap((a) => a.targetUserIds));
    const due = tasks.filter((t) => t.status === 'pending' && !reminded.has(t.approver.id));
    if (due.length === 0) {
      const first = Math.min(...recent.map((a) => a.at.getTime()));
      const minutes = Math.max(1, Math.ceil((first + oneHourMs - now.getTime()) / 60_000));
      throw new RefusedError('approval-remind-too-soon', { minutes });
    }
    for (const task of due)
      await notices.reminded(tx, run, task.approver.id, {
        by: 'submitter',
        hours: waitedHours(tasks, task, now),
      });
    log(
      tx,
      run,
      run.currentStep,
      acting.user.id,
      'remind',
      null,
      due.map((t) => t.approver.id),
    );
    await tx.flush();
    return run;
  });
}
