import { type ApprovalInstance, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { handOver, onCurrentStep } from './hand-over.js';
import type { ApprovalNotices } from './notices.js';
import { lockRun, requirePending } from './run-lock.js';

/**
 * 转交: the approver hands their pending task to an active colleague not already on the step, who
 * decides in their place (same step, same turn).
 */
export function transfer(
  em: EntityManager,
  acting: Acting,
  runId: number,
  toUserId: number,
  notices: ApprovalNotices,
): Promise<ApprovalInstance> {
  return em.transactional(async (tx) => {
    const { run, mine } = await lockRun(tx, acting, runId);
    requirePending(run);
    const own = mine.find((t) => t.step === run.currentStep && t.status === 'pending');
    if (!own) throw new RefusedError('approval-not-approver');
    if (toUserId === acting.user.id) throw new RefusedError('approval-transfer-invalid', { why: 'self' });
    const to = await tx.findOne(UserSchema, { id: toUserId, active: true });
    if (!to) throw new RefusedError('approval-transfer-invalid', { why: 'inactive' });
    if (await onCurrentStep(tx, run, toUserId))
      throw new RefusedError('approval-transfer-invalid', { why: 'on-step', name: to.name });
    await handOver(
      tx,
      run,
      own,
      { to, from: acting.user.name, by: acting, reason: null, at: new Date() },
      notices,
    );
    await tx.flush();
    return run;
  });
}
