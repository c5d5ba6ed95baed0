import { LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Notifier } from '../notify/notifier.js';
import { auditLead, leadSnapshot } from './audit.js';
import { offerAgain } from './lifecycle.js';

/**
 * Returns to the pool every claimed lead left untouched longer than its rule's recycleAfterDays,
 * as of `now`. One conditional UPDATE picks them, so two runs at once recycle each lead once; a
 * run after downtime catches up on everything that fell due meanwhile. Each return is in the audit
 * log, by no one (the rule), with the owner it left. Answers the recycled ids.
 */
export async function recycleIdleLeads(em: EntityManager, notifier: Notifier, now = new Date()) {
  return em.transactional(async (tx) => {
    // Joined to itself, the UPDATE still sees each row as it was: whose the lead had been.
    const rows = await tx.getConnection().execute<{ id: number; formerOwnerId: number }[]>(
      `update lead set status = 'new', owner_id = null, claimed_at = null, last_activity_at = ?, updated_at = ?
         from lead was
        where was.id = lead.id and lead.status = 'claimed' and lead.id in (
          select l.id from lead l join assignment_rule r on r.id = l.rule_id
           where l.status = 'claimed' and r.recycle_after_days is not null
             and l.last_activity_at < cast(? as timestamptz) - r.recycle_after_days * interval '1 day')
        returning lead.id, was.owner_id as "formerOwnerId"`,
      [now, now, now],
      'all',
      tx.getTransactionContext(),
    );
    const ids = rows.map((r) => r.id);
    const leads =
      ids.length > 0 ? await tx.find(LeadSchema, { id: { $in: ids } }, { populate: ['team'] }) : [];
    for (const lead of leads) {
      const formerOwner = rows.find((r) => r.id === lead.id)!.formerOwnerId;
      auditLead(tx, { system: 'rule' }, lead, {
        ...leadSnapshot(lead),
        status: 'claimed',
        owner: formerOwner,
      });
      await offerAgain(tx, lead, notifier);
    }
    return ids;
  });
}
