import type { ApprovalInstance } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { audit } from '../audit/audit.js';
import type { ApprovalNotices } from './notices.js';
import { lockOwnPendingRun } from './run-lock.js';
import { cancelOpenTasks, finish, log } from './steps.js';

/** The submitter takes a pending run back: open tasks end, the document is a draft again. */
export function withdraw(
  em: EntityManager,
  acting: Acting,
  runId: number,
  notices: ApprovalNotices,
): Promise<ApprovalInstance> {
  return em.transactional(async (tx) => {
    const run = await lockOwnPendingRun(tx, acting, runId, 'approval-submitter-only');
    const waiting = await cancelOpenTasks(tx, run);
    log(tx, run, run.currentStep, acting.user.id, 'withdraw', null);
    audit(tx, acting, {
      action: 'update',
      objectType: 'approval',
      objectId: run.id,
      changes: { status: { before: 'pending', after: 'withdrawn' } },
    });
    await finish({ tx, auditor: acting, notices }, run, 'withdrawn', acting.user.name);
    await notices.closed(tx, run, waiting, `已被 ${acting.user.name} 撤回`);
    await notices.changed(tx, run);
    await tx.flush();
    return run;
  });
}
