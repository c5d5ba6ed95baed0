import type { Lead, User } from '@kelian/orm';
import type { Access } from '../access/access.js';
import { maskValue } from '../access/mask.js';

// A lead as a viewer sees it. Like its card, a lead shows the contact's mobile and email only to
// whoever works it: its owner, and those whose data scope covers the owner. A lead still waiting in
// a team or the pool shows them masked to everyone, so claiming is the way to the number.

function covers(access: Access, user: User | null | undefined): boolean {
  if (!user) return false;
  if (user.id === access.userId) return true;
  const path = user.department?.path;
  return access.grants.some(
    (g) =>
      g.scope === 'all' ||
      (g.scope === 'department' && user.department?.id === g.departmentId) ||
      (g.scope === 'department_tree' && path !== undefined && path.startsWith(g.path)),
  );
}

export function leadRecord(access: Access, lead: Lead) {
  const open = lead.status !== 'new' && covers(access, lead.owner);
  const person = (u: User | null | undefined) => (u ? { id: u.id, name: u.name } : null);
  return {
    id: lead.id,
    company: lead.company,
    contactName: lead.contactName,
    mobile: open ? lead.mobile : (maskValue('phone', lead.mobile) as string | null),
    email: open ? lead.email : (maskValue('email', lead.email) as string | null),
    region: lead.region,
    source: lead.source,
    industry: lead.industry,
    note: lead.note,
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
