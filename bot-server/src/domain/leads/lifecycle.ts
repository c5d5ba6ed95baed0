import type { Lead } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { mayOnOwned } from '../access/policy.js';
import { tellHandover } from '../notify/handover.js';
import type { Messenger } from '../notify/messenger.js';
import type { Notifier } from '../notify/notifier.js';
import { auditLead, leadSnapshot } from './audit.js';
import { leadFor } from './store.js';

// What happens to a lead after it is claimed: handed back to the pool, or closed as invalid. Both
// are for its owner (or someone whose scope covers the owner, which leadFor already checked).

/**
 * Back to the pool: unowned and new again, offered to its team once more. Its owner is told when
 * someone else (a manager) handed it back.
 */
export async function releaseLead(
  em: EntityManager,
  acting: Acting,
  id: number,
  notifier: Notifier,
  messenger: Messenger,
) {
  return em.transactional(async (tx) => {
    const lead = await leadFor(tx, acting, id);
    if (lead.status !== 'claimed') throw new NotPermittedError('lead-not-claimed');
    const before = leadSnapshot(lead);
    const from = lead.owner ?? null;
    Object.assign(lead, { status: 'new', owner: null, claimedAt: null, lastActivityAt: new Date() });
    auditLead(tx, acting, lead, before);
    await tx.flush();
    await offerAgain(tx, lead, notifier);
    await tellHandover(tx, messenger, { by: acting.user, what: `线索 ${lead.company}`, from, to: null });
    return lead;
  });
}

export async function markLeadInvalid(
  em: EntityManager,
  acting: Acting,
  id: number,
  reason: string,
  notifier: Notifier,
) {
  return em.transactional(async (tx) => {
    const lead = await leadFor(tx, acting, id);
    if (lead.status === 'converted' || lead.status === 'invalid')
      throw new NotPermittedError('lead-already-closed');
    if (lead.status === 'claimed' && !mayOnOwned(acting.access, 'lead', 'edit', lead.owner))
      throw new NotPermittedError('lead-invalid-owner-only');
    const before = leadSnapshot(lead);
    Object.assign(lead, { status: 'invalid', invalidReason: reason, lastActivityAt: new Date() });
    auditLead(tx, acting, lead, before);
    await tx.flush();
    await notifier.refreshCards(tx, { type: 'lead', id: lead.id });
    return lead;
  });
}

/** Every card of the lead shows it open again, and its team gets a fresh card to claim it from. */
export async function offerAgain(em: EntityManager, lead: Lead, notifier: Notifier): Promise<void> {
  await notifier.refreshCards(em, { type: 'lead', id: lead.id });
  if (lead.team)
    await notifier.postCard(em, { type: 'lead', id: lead.id }, { kind: 'team', departmentId: lead.team.id });
}
