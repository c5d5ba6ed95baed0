import { type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { requireRight } from '../access/policy.js';
import { assignableOwner } from '../customers/owner.js';
import { type BatchOutcome, sortOut } from '../grid/batch.js';
import { batchHandover, recordsNamed } from '../notify/handover.js';
import type { Messenger } from '../notify/messenger.js';
import type { Notifier } from '../notify/notifier.js';
import {
  invalidate,
  invalidRefusal,
  offerAgain,
  reassign,
  reassignRefusal,
  release,
  releaseRefusal,
} from './lifecycle.js';
import { leadScope } from './scope.js';
import { leadPopulate } from './store.js';

// What the leads grid does to many leads at once: hand them to someone, send them back to the pool,
// or close them as invalid with one reason. What the batch as a whole may not do (the right to hand
// leads over, a new owner who left or is outside the user's scope) is refused before anything is
// touched; then each lead is asked the same rule as one lead alone (lifecycle.ts) and either changes
// or is named with the reason, unchanged. One transaction, one audit entry per changed lead; each
// person whose leads changed hands is told once.

export type LeadBatchChange = { ownerId: number } | { release: true } | { invalid: string };

const invisible = '线索不存在或不在你的数据范围内';
const leadsNamed = recordsNamed('线索', '条');

export async function batchLeads(
  em: EntityManager,
  acting: Acting,
  ids: readonly number[],
  change: LeadBatchChange,
  deps: { notifier: Notifier; messenger: Messenger },
): Promise<BatchOutcome<Lead>> {
  const { access } = acting;
  if ('ownerId' in change) requireRight(access, 'lead', 'reassign');
  return em.transactional(async (tx) => {
    const owner = 'ownerId' in change ? await assignableOwner(tx, access, change.ownerId, 'lead') : null;
    const visible = await tx.find(
      LeadSchema,
      { $and: [{ id: { $in: [...new Set(ids)] } }, leadScope(access, acting.user.department?.path ?? null)] },
      { populate: leadPopulate },
    );
    const refusalOf = (lead: Lead) =>
      ('ownerId' in change
        ? reassignRefusal(access, lead)
        : 'release' in change
          ? releaseRefusal(lead)
          : invalidRefusal(access, lead)
      )?.reason;
    const { rows, outcome } = sortOut(ids, visible, refusalOf, invisible);
    const handover = 'invalid' in change ? undefined : batchHandover(acting.user, owner, leadsNamed);
    for (const lead of rows) {
      handover?.add(lead.owner ?? null, lead.company);
      if (owner) reassign(tx, acting, lead, owner);
      else if ('release' in change) release(tx, acting, lead);
      else if ('invalid' in change) invalidate(tx, acting, lead, change.invalid);
      outcome.changed.push(lead.id);
    }
    await tx.flush();
    // Back in the pool, a lead is offered to its team again; otherwise its cards show what it became.
    for (const lead of rows)
      if ('release' in change) await offerAgain(tx, lead, deps.notifier);
      else await deps.notifier.refreshCards(tx, { type: 'lead', id: lead.id });
    await handover?.tell(tx, deps.messenger);
    return outcome;
  });
}
