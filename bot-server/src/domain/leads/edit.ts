import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { refuseUneditable } from '../access/field-rules.js';
import type { Notifier } from '../notify/notifier.js';
import { auditLead, leadSnapshot } from './audit.js';
import type { NewLead } from './leads.js';
import { leadFor } from './store.js';

export type LeadPatch = Partial<Omit<NewLead, 'externalKey'>>;

/** Its owner (or an admin) corrects a lead: that is work on it, so the recycle clock starts again. */
export async function editLead(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: LeadPatch,
  notifier: Notifier,
) {
  return em.transactional(async (tx) => {
    const lead = await leadFor(tx, acting, id);
    if (lead.owner?.id !== acting.user.id && !acting.access.admin)
      throw new NotPermittedError('只有线索的负责人可以修改线索');
    refuseUneditable(acting.access, [{ object: 'lead', fields: Object.keys(patch) }]);
    const before = leadSnapshot(lead);
    Object.assign(lead, patch, { lastActivityAt: new Date() });
    auditLead(tx, acting, lead, before);
    await tx.flush();
    await notifier.refreshCards(tx, { type: 'lead', id });
    return lead;
  });
}
