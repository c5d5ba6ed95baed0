import type { Lead, User } from '@kelian/orm';
import type { Access } from '../access/access.js';
import { maskValue } from '../access/mask.js';
import { mayOnOwned } from '../access/policy.js';
import { present } from '../access/present.js';

// A lead as a viewer sees it, through the one presenter: the field rules of the viewer's roles
// apply. On top of them, like its card, a lead shows the contact's mobile and email only to whoever
// works it: its owner, and those whose data scope covers the owner. A lead still waiting in a team
// or the pool shows them masked to everyone, so claiming is the way to the number.

/** What a person wrote down about the lead: the fields the field rules speak of. */
export const leadContents = (lead: Lead) => ({
  company: lead.company,
  contactName: lead.contactName ?? null,
  mobile: lead.mobile ?? null,
  email: lead.email ?? null,
  region: lead.region ?? null,
  source: lead.source ?? null,
  industry: lead.industry ?? null,
  note: lead.note ?? null,
});

export function leadRecord(access: Access, lead: Lead) {
  const open =
    lead.status !== 'new' &&
    (lead.owner?.id === access.userId || mayOnOwned(access, 'lead', 'read', lead.owner));
  const { values } = present(access, 'lead', leadContents(lead), { changeable: false });
  // Masked here from the stored value, not from what a rule may already have masked.
  if (!open) {
    if ('mobile' in values) values.mobile = maskValue('phone', lead.mobile) as string | null;
    if ('email' in values) values.email = maskValue('email', lead.email) as string | null;
  }
  const person = (u: User | null | undefined) => (u ? { id: u.id, name: u.name } : null);
  return {
    id: lead.id,
    ...values,
    status: lead.status,
    team: lead.team ? { id: lead.team.id, name: lead.team.name } : null,
    owner: person(lead.owner),
    claimedAt: lead.claimedAt ?? null,
    lastActivityAt: lead.lastActivityAt,
    createdAt: lead.createdAt,
    customerId: lead.customer?.id ?? null,
    claimable: lead.status === 'new',
  };
}

export type LeadRecord = ReturnType<typeof leadRecord>;

/**
 * A lead as a row of the grid: its record, its custom fields and when it last changed, and which of
 * its fields this viewer may edit in place (the owner's, or their managers', under the field rules).
 */
export function leadGridRecord(access: Access, lead: Lead) {
  const changeable = mayOnOwned(access, 'lead', 'edit', lead.owner);
  const { editable } = present(access, 'lead', leadContents(lead), { changeable });
  return {
    ...leadRecord(access, lead),
    customFields: lead.customFields,
    updatedAt: lead.updatedAt,
    fieldAccess: { editable },
  };
}
