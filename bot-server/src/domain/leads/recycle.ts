import { LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Notifier } from '../notify/notifier.js';
import { offerAgain } from './lifecycle.js';

/**
 * Returns to the pool every claimed lead left untouched longer than its rule's recycleAfterDays,
 * as of `now`. One conditional UPDATE picks them, so two runs at once recycle each lead once; a
 * run after downtime catches up on everything that fell due meanwhile. Answers the recycled ids.
 */
export async function recycleIdleLeads(em: EntityManager, notifier: Notifier, now = new Date()) {
  return em.transactional(async (tx) => {
    const rows = await tx.getConnection().execute<{ id: number }[]>(
      `update lead set status = 'new', owner_id = null, claimed_at = null, last_activity_at = ?, updated_at = ?
        where status = 'claimed' and id in (
          select l.id from lead l join assignment_rule r on r.id = l.rule_id
           where l.status = 'claimed' and r.recycle_after_days is not null
             and l.last_activity_at < cast(? as timestamptz) - r.recycle_after_days * interval '1 day')
        returning id`,
      [now, now, now],
      'all',
      tx.getTransactionContext(),
    );
    const ids = rows.map((r) => r.id);
    const leads =
      ids.length > 0 ? await tx.find(LeadSchema, { id: { $in: ids } }, { populate: ['team'] }) : [];
    for (const lead of leads) await offerAgain(tx, lead, notifier);
    return ids;
  });
}
