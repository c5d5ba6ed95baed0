import { type Contact, ContactSchema, type Customer, type FollowUp, FollowUpSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { mayChange } from '../access/scope.js';
import { customerFor } from './store.js';

/** How much of the timeline the 360° view carries: the latest entries; `timelineHasMore` tells of older ones. */
const timelineLength = 50;

/** The 360° view: the customer with owner, collaborators and tags, its contacts, and its timeline. */
export interface CustomerView {
  customer: Customer;
  changeable: boolean;
  contacts: Contact[];
  /** Follow-ups, newest first. */
  timeline: FollowUp[];
  timelineHasMore: boolean;
}

export async function customerView(em: EntityManager, access: Access, id: number): Promise<CustomerView> {
  const customer = await customerFor(em, access, id, { purpose: 'read' });
  const contacts = await em.find(
    ContactSchema,
    { customer: customer.id },
    { orderBy: [{ primary: 'desc' }, { id: 'asc' }] },
  );
  const timeline = await em.find(
    FollowUpSchema,
    { customer: customer.id },
    {
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      limit: timelineLength + 1,
      populate: ['author', 'contact'],
    },
  );
  const timelineHasMore = timeline.length > timelineLength;
  if (timelineHasMore) timeline.pop();
  return { customer, changeable: mayChange(access, customer), contacts, timeline, timelineHasMore };
}
