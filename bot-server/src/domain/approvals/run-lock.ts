import {
  type ApprovalInstance,
  ApprovalInstanceSchema,
  type ApprovalTask,
  ApprovalTaskSchema,
} from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { mayOnOwned } from '../access/policy.js';
import type { RefusalCode } from '../access/refusals.js';

// Every change of a run starts here: the run's row is locked (FOR UPDATE), so that decisions,
// withdrawals and transfers of one run happen one after the other on every server instance; the
// second of two clicks then reads what the first did and is refused with who did it.

export interface LockedRun {
  run: ApprovalInstance;
  /** The acting user's tasks on the run, oldest first. */
  mine: ApprovalTask[];
}

export async function lockRun(tx: EntityManager, acting: Acting, id: number): Promise<LockedRun> {
  const locked = await tx.findOne(ApprovalInstanceSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!locked) throw new NotVisibleError('approval');
  const run = await tx.findOneOrFail(ApprovalInstanceSchema, id, { populate: ['submitter'], refresh: true });
  const mine = await tx.find(
    ApprovalTaskSchema,
    { instance: id, approver: acting.user.id },
    { orderBy: { id: 'asc' }, refresh: true },
  );
  if (!mayReadRun(acting, run, mine)) throw new NotVisibleError('approval');
  return { run, mine };
}

/** The submitter, whoever the run names, and those whose approval rights cover the submitter. */
export function mayReadRun(acting: Acting, run: ApprovalInstance, mine: readonly ApprovalTask[]): boolean {
  return (
    run.submitter.id === acting.user.id ||
    mine.length > 0 ||
    mayOnOwned(acting.access, 'approval', 'read', run.submitter)
  );
}

export function requirePending(run: ApprovalInstance): void {
  if (run.status !== 'pending') throw new RefusedError('approval-closed', { status: run.status });
}

/**
 * The run locked for something only its submitter does while it is pending (撤回, 催办); anyone
 * else is refused with `notSubmitter`, a run already ended with how it ended.
 */
export async function lockOwnPendingRun(
  tx: EntityManager,
  acting: Acting,
  id: number,
  notSubmitter: RefusalCode,
): Promise<ApprovalInstance> {
  const { run } = await lockRun(tx, acting, id);
  if (run.submitter.id !== acting.user.id) throw new RefusedError(notSubmitter);
  requirePending(run);
  return run;
}
