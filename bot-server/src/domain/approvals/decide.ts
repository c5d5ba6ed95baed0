import { type ApprovalInstance, type ApprovalTask, ApprovalTaskSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { audit } from '../audit/audit.js';
import { runActions } from './actions.js';
import type { ApprovalNotices } from './notices.js';
import { lockRun, requirePending } from './run-lock.js';
import { cancelOpenTasks, finish, log, openStep } from './steps.js';

// 同意 and 驳回. A decision is the acting user's pending task on the run's current step; the run's
// row lock orders concurrent decisions, and whatever is no longer pending (decided by an any-of
// sibling, a step already passed, a run withdrawn or ended) is refused and changes nothing.

export interface Decision {
  verdict: 'approve' | 'reject';
  reason?: string | undefined;
  /** The task the approver saw (a card, a page): a later step's task is never decided in its name. */
  taskId?: number | undefined;
}

const minReasonLength = 2;

export function decide(
  em: EntityManager,
  acting: Acting,
  runId: number,
  decision: Decision,
  notices: ApprovalNotices,
): Promise<ApprovalInstance> {
  const reason = decision.reason?.trim() ?? '';
  if (decision.verdict === 'reject' && [...reason].length < minReasonLength)
    throw new RefusedError('approval-reason-required');
  return em.transactional(async (tx) => {
    const { run, mine } = await lockRun(tx, acting, runId);
    // An any-of sibling's decision may have ended the run: who decided says more than "ended".
    if (run.status !== 'pending') await refuseSkipped(tx, mine, decision.taskId);
    requirePending(run);
    const task = await decidableTask(tx, run, mine, decision.taskId);
    task.status = decision.verdict === 'approve' ? 'approved' : 'rejected';
    task.reason = reason || null;
    task.actedAt = new Date();
    log(tx, run, task.step, acting.user.id, decision.verdict, reason || null);
    audit(tx, acting, {
      action: 'update',
      objectType: 'approval',
      objectId: run.id,
      changes: { [`step${task.step + 1}`]: { before: 'pending', after: task.status } },
    });
    const ctx = { tx, auditor: acting, notices };
    if (decision.verdict === 'reject') {
      const others = await cancelOpenTasks(tx, run, task.id);
      await finish(ctx, run, 'rejected', acting.user.name, reason);
      await notices.closed(tx, run, others, `已被 ${acting.user.name} 驳回`);
    } else if (await stepDone(tx, run, task, acting.user.id, notices)) {
      await runActions(ctx, run, run.currentStep);
      await openStep(ctx, run, run.currentStep + 1);
    }
    await notices.changed(tx, run);
    await tx.flush();
    return run;
  });
}

/** The task this decision is about, or the refusal that says why there is none. */
async function decidableTask(
  tx: EntityManager,
  run: ApprovalInstance,
  mine: ApprovalTask[],
  taskId: number | undefined,
): Promise<ApprovalTask> {
  const named = taskId === undefined ? undefined : mine.find((t) => t.id === taskId);
  if (taskId !== undefined && !named) throw new RefusedError('approval-not-approver');
  const candidates = named ? [named] : mine.filter((t) => t.step === run.currentStep);
  const open = candidates.find((t) => t.status === 'pending' && t.step === run.currentStep);
  if (open) return open;
  // Why not: the newest of the user's tasks tells (decided by a sibling, by them, or not yet theirs).
  const last = (named ? [named] : mine).at(-1);
  if (!last || last.status === 'waiting' || last.status === 'notified' || last.status === 'transferred')
    throw new RefusedError('approval-not-approver');
  if (last.status === 'pending') throw new RefusedError('approval-superseded');
  throw await decidedBy(tx, last.status === 'skipped' ? last.byUserId : last.approver.id);
}

/** The user's task (the one named, else their newest) was decided by a sibling: says who. */
async function refuseSkipped(tx: EntityManager, mine: ApprovalTask[], taskId: number | undefined) {
  const task = taskId === undefined ? mine.at(-1) : mine.find((t) => t.id === taskId);
  if (task?.status === 'skipped') throw await decidedBy(tx, task.byUserId);
}

async function decidedBy(tx: EntityManager, userId: number | null | undefined): Promise<RefusedError> {
  const by = userId ? await tx.findOne(UserSchema, userId, { fields: ['name'] }) : null;
  return new RefusedError('approval-decided', { by: by?.name ?? null });
}

/**
 * After an approval: does the step need nobody else? any-of: no, and the siblings are done with
 * (told who decided); all: when no one is left pending; sequential: when no one is left waiting,
 * else the next one in order is asked.
 */
async function stepDone(
  tx: EntityManager,
  run: ApprovalInstance,
  decided: ApprovalTask,
  by: number,
  notices: ApprovalNotices,
): Promise<boolean> {
  const step = run.route[run.currentStep]!;
  const open = await tx.find(
    ApprovalTaskSchema,
    {
      instance: run.id,
      step: run.currentStep,
      status: { $in: ['pending', 'waiting'] },
      id: { $ne: decided.id },
    },
    { orderBy: { position: 'asc', id: 'asc' } },
  );
  if (step.mode === 'any') {
    for (const t of open) Object.assign(t, { status: 'skipped', byUserId: by, actedAt: new Date() });
    return true;
  }
  if (step.mode === 'all') return open.length === 0;
  const next = open.find((t) => t.status === 'waiting');
  if (!next) return open.length === 0;
  next.status = 'pending';
  await notices.toApprovers(tx, run, step, [next.approver.id]);
  return false;
}
