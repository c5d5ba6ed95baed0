import { AuditLogSchema, type Lead } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { type AuditEntry, audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { leadContents } from './record.js';

// A lead's history in the audit log: created, claimed, edited, released, closed, recycled. Some of
// these happen with no person acting — a web form posts the lead, a rule recycles it — and their
// entries have no actor and say instead where the change came from.

/** Who changed a lead: a person, or nobody (the signed web form, an assignment rule). */
export type LeadActor = Acting | { system: 'webhook' | 'rule' };

/** What the log keeps of a lead: its contents, its state and whose it is (ids). */
export const leadSnapshot = (lead: Lead) => ({
  ...leadContents(lead),
  status: lead.status,
  team: lead.team?.id ?? null,
  owner: lead.owner?.id ?? null,
  invalidReason: lead.invalidReason ?? null,
});

export type LeadSnapshot = ReturnType<typeof leadSnapshot>;

/**
 * Adds the entry for what became of the lead since `before` (nothing: it was just created) to the
 * caller's unit of work, so it is written with the change itself.
 */
export function auditLead(em: EntityManager, by: LeadActor, lead: Lead, before?: LeadSnapshot): void {
  const entry: AuditEntry = {
    action: before ? 'update' : 'create',
    objectType: 'lead',
    objectId: lead.id,
    changes: changesBetween(before ?? {}, leadSnapshot(lead)),
  };
  if ('user' in by) audit(em, by, entry);
  else
    em.create(AuditLogSchema, {
      ...entry,
      actor: null,
      objectId: String(lead.id),
      via: by.system,
      requestId: null,
    });
}
