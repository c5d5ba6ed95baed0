import type { Lead, User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { mayOnOwned } from '../access/policy.js';
import { tellHandover } from '../notify/handover.js';
import type { Messenger } from '../notify/messenger.js';
import type { Notifier } from '../notify/notifier.js';
import { auditLead, leadSnapshot } from './audit.js';
import { leadFor } from './store.js';

// What happens to a lead after it is claimed: handed back to the pool, handed to someone else, or
// closed as invalid. For its owner (or someone whose scope covers the owner, which leadFor and the
// grid's scope already checked), one lead at a time or many from the grid (batch.ts): each rule
// below is asked of each lead either way, and each change is the same change.

/** Why this lead cannot go back to the pool, or nothing. */
export const releaseRefusal = (lead: Lead): NotPermittedError | undefined =>
  lead.status === 'claimed' ? undefined : new NotPermittedError('lead-not-claimed');

/** Why this user cannot close this lead as invalid, or nothing. */
export function invalidRefusal(access: Access, lead: Lead): NotPermittedError | undefined {
  if (lead.status === 'converted' || lead.status === 'invalid')
    return new NotPermittedError('lead-already-closed');
  if (lead.status === 'claimed' && !mayOnOwned(access, 'lead', 'edit', lead.owner))
    return new NotPermittedError('lead-invalid-owner-only');
  return undefined;
}

/** Why this user cannot hand this lead to another owner, or nothing (the right itself: requireRight). */
export function reassignRefusal(access: Access, lead: Lead): NotPermittedError | undefined {
  if (lead.status === 'converted' || lead.status === 'invalid')
    return new NotPermittedError('lead-already-closed');
  if (lead.owner && !mayOnOwned(access, 'lead', 'reassign', lead.owner))
    return new NotPermittedError('not-permitted', { object: 'lead', verb: 'reassign' });
  return undefined;
}

/** Back to the pool, in the caller's transaction: unowned and new again. */
export function release(tx: EntityManager, acting: Acting, lead: Lead): void {
  const before = leadSnapshot(lead);
  Object.assign(lead, { status: 'new', owner: null, claimedAt: null, lastActivityAt: new Date() });
  auditLead(tx, acting, lead, before);
}

/** Closed as invalid with its reason, in the caller's transaction. */
export function invalidate(tx: EntityManager, acting: Acting, lead: Lead, reason: string): void {
  const before = leadSnapshot(lead);
  Object.assign(lead, { status: 'invalid', invalidReason: reason, lastActivityAt: new Date() });
  auditLead(tx, acting, lead, before);
}

/** Given to `owner`, in the caller's transaction: a lead still waiting is claimed for them. */
export function reassign(tx: EntityManager, acting: Acting, lead: Lead, owner: User): void {
  if (lead.owner?.id === owner.id) return;
  const before = leadSnapshot(lead);
  const claimedAt = lead.status === 'new' ? new Date() : lead.claimedAt;
  Object.assign(lead, { status: 'claimed', owner, claimedAt, lastActivityAt: new Date() });
  auditLead(tx, acting, lead, before);
}

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
    const refusal = releaseRefusal(lead);
    if (refusal) throw refusal;
    const from = lead.owner ?? null;
    release(tx, acting, lead);
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
    const refusal = invalidRefusal(acting.access, lead);
    if (refusal) throw refusal;
    invalidate(tx, acting, lead, reason);
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
