import { type ApprovalInstance, ApprovalTaskSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { audit } from '../audit/audit.js';
import type { ApprovalNotices } from './notices.js';
import { lockRun, requirePending } from './run-lock.js';
import { log, task } from './steps.js';

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
    const onStep = await tx.count(ApprovalTaskSchema, {
      instance: run.id,
      step: run.currentStep,
      approver: toUserId,
      status: { $in: ['pending', 'waiting'] },
    });
    if (onStep > 0) throw new RefusedError('approval-transfer-invalid', { why: 'on-step', name: to.name });
    Object.assign(own, { status: 'transferred', byUserId: to.id, actedAt: new Date() });
    task(tx, run, own.step, own.position, to.id, 'pending');
    log(tx, run, own.step, acting.user.id, 'transfer', null, [to.id]);
    audit(tx, acting, {
      action: 'update',
      objectType: 'approval',
      objectId: run.id,
      changes: { [`step${own.step + 1}`]: { before: acting.user.name, after: to.name } },
    });
    await notices.toApprovers(tx, run, run.route[run.currentStep]!, [to.id]);
    await notices.changed(tx, run);
    await tx.flush();
    return run;
  });
}
