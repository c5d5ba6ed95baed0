import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { refuseUneditable } from '../access/field-rules.js';
import { mayOnOwned } from '../access/policy.js';
import type { Notifier } from '../notify/notifier.js';
import { auditLead, leadSnapshot } from './audit.js';
import type { NewLead } from './leads.js';
import { leadFor } from './store.js';

export type LeadPatch = Partial<Omit<NewLead, 'externalKey'>>;

/** Its owner (or whoever's scope to edit leads covers the owner) corrects a lead: that is work on it, so the recycle clock starts again. */
export async function editLead(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: LeadPatch,
  notifier: Notifier,
) {
  return em.transactional(async (tx) => {
    const lead = await leadFor(tx, acting, id);
    if (!mayOnOwned(acting.access, 'lead', 'edit', lead.owner))
      throw new NotPermittedError('lead-owner-only');
    refuseUneditable(acting.access, [{ object: 'lead', fields: Object.keys(patch) }]);
    const before = leadSnapshot(lead);
    Object.assign(lead, patch, { lastActivityAt: new Date() });
    auditLead(tx, acting, lead, before);
    await tx.flush();
    await notifier.refreshCards(tx, { type: 'lead', id });
    return lead;
  });
}
