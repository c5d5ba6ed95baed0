import type { Customer, FollowUp } from '@kelian/orm';
import type { Access } from '../../domain/access/access.js';
import type { Presented } from '../../domain/access/present.js';
import { presentContact, presentCustomer, presentFollowUp } from '../../domain/customers/records.js';
import type { CustomerView } from '../../domain/customers/view.js';

// The JSON of customers: each record as the domain's presenter shows it to this viewer, with what
// the viewer may do with its fields alongside.

const json = <T>({ values, editable, revealable }: Presented<T>) => ({
  ...values,
  fieldAccess: { editable, revealable },
});

export const customerJson = (access: Access, customer: Customer, changeable: boolean) =>
  json(presentCustomer(access, customer, changeable));

export const followUpJson = (access: Access, followUp: FollowUp) => ({
  type: 'followUp' as const,
  ...json(presentFollowUp(access, followUp)),
});

/** The 360° view; the timeline's entries carry their `type` (follow-ups now; orders, tickets later). */
export function customerViewJson(access: Access, view: CustomerView) {
  return {
    ...customerJson(access, view.customer, view.changeable),
    contacts: view.contacts.map((c) => json(presentContact(access, c, view.changeable))),
    timeline: view.timeline.map((f) => followUpJson(access, f)),
    timelineHasMore: view.timelineHasMore,
  };
}
