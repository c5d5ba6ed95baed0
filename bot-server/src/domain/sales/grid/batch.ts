import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../../access/acting.js';
import { NotPermittedError, RefusedError } from '../../access/errors.js';
import { mayOnCustomer, requireRight } from '../../access/policy.js';
import { opportunityScope } from '../../access/scope.js';
import type { ApprovalNotices } from '../../approvals/notices.js';
import { audit } from '../../audit/audit.js';
import { changesBetween } from '../../audit/changes.js';
import { assignableOwner } from '../../customers/owner.js';
import { type BatchOutcome, sortOut } from '../../grid/batch.js';
import { batchHandover, recordsNamed } from '../../notify/handover.js';
import type { Messenger } from '../../notify/messenger.js';
import type { Notifier } from '../../notify/notifier.js';
import { moveOpportunity } from '../opportunities.js';
import { openStage } from '../stages.js';
import { opportunityPopulate } from '../store.js';

// A change to many deals at once, from the deals grid's selection: a new owner, a move to another
// open stage, or the recycle bin. What the change as a whole may not do (a right the role lacks, an
// owner who left, a stage that is closed or gone) is refused before anything is touched. Then each
// deal the user may change this way changes, and each other one is named in the answer with the
// reason, unchanged: one transaction, one audit entry per changed deal. A stage move is the deal's
// own move (opportunities.ts), so the history, the stalled-deal cards and the audit are as one move.

export type DealBatchChange = { delete: true } | { delete?: false; ownerId?: number; stageId?: number };

const invisible = '商机不存在或不在你的数据范围内';
/** 商机 年度框架采购, or 商机 年度框架采购等 12 个 for a batch. */
const dealsNamed = recordsNamed('商机', '个');

type Verb = 'edit' | 'reassign' | 'delete';

function verbsOf(change: DealBatchChange): Verb[] {
  if (change.delete) return ['delete'];
  return [
    ...(change.ownerId !== undefined ? (['reassign'] as const) : []),
    ...(change.stageId !== undefined ? (['edit'] as const) : []),
  ];
}

/** Why this deal may not be changed so, or nothing when it may. */
function refusalOf(acting: Acting, deal: Opportunity, verbs: Verb[], change: DealBatchChange) {
  const customer = {
    owner: deal.customer.owner ?? null,
    collaborators: deal.customer.collaborators.getItems(),
  };
  const verb = verbs.find((v) => !mayOnCustomer(acting.access, v, customer, 'opportunity'));
  if (verb)
    return new NotPermittedError(customer.owner ? 'not-permitted' : 'pool-deal', {
      object: 'opportunity',
      verb,
    });
  // A closed deal's stage and owner are its history (the won amounts count towards the owner's target).
  if (!change.delete && deal.status !== 'open')
    return new NotPermittedError('deal-closed', { status: deal.status });
  return undefined;
}

export async function batchDeals(
  em: EntityManager,
  acting: Acting,
  ids: readonly number[],
  change: DealBatchChange,
  deps: { messenger: Messenger; notifier: Notifier; approvals: ApprovalNotices },
): Promise<BatchOutcome<Opportunity>> {
  const verbs = verbsOf(change);
  for (const verb of verbs) requireRight(acting.access, 'opportunity', verb);
  return em.transactional(async (tx) => {
    const owner =
      change.delete || change.ownerId === undefined
        ? undefined
        : await assignableOwner(tx, acting.access, change.ownerId);
    const stage =
      change.delete || change.stageId === undefined ? undefined : await openStage(tx, change.stageId);
    // A gated stage is asked for deal by deal (each its own 阶段审批), not in a batch.
    if (stage?.requiresApproval) throw new RefusedError('deal-stage-gated-batch', { stage: stage.name });
    const visible = await tx.find(
      OpportunitySchema,
      { $and: [{ id: { $in: [...ids] } }, opportunityScope(acting.access, 'read')] },
      { populate: opportunityPopulate },
    );
    const { rows, outcome } = sortOut(
      ids,
      visible,
      (deal) => refusalOf(acting, deal, verbs, change)?.reason,
      invisible,
    );
    // Who lost which deals, to tell each former owner once (and the new owner once, of all).
    const handover = owner ? batchHandover(acting.user, owner, dealsNamed) : undefined;
    for (const deal of rows) {
      const id = deal.id;
      outcome.changed.push(id);
      if (change.delete) {
        deal.deletedAt = new Date();
        const changes = changesBetween({ deletedAt: null }, { deletedAt: deal.deletedAt });
        audit(tx, acting, { action: 'delete', objectType: 'opportunity', objectId: id, changes });
        continue;
      }
      if (stage && stage.id !== deal.stage.id)
        await moveOpportunity(tx, acting, { id, stageId: stage.id, note: '批量调整阶段' }, deps);
      if (owner && owner.id !== deal.owner?.id) {
        const from = deal.owner ?? null;
        handover?.add(from, deal.name);
        audit(tx, acting, {
          action: 'update',
          objectType: 'opportunity',
          objectId: id,
          changes: changesBetween({ owner: from?.id ?? null }, { owner: owner.id }),
        });
        deal.owner = owner;
      }
    }
    await tx.flush();
    await handover?.tell(tx, deps.messenger);
    return outcome;
  });
}
