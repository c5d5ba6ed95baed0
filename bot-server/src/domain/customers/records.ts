import type { Contact, Customer, FollowUp, Tag, User } from '@kelian/orm';
import type { Access } from '../access/access.js';
import { type Presented, present } from '../access/present.js';

// Customers, contacts and follow-ups as plain records, and as a given viewer may see them (through
// the one presenter). Relations named here must have been populated by the caller.

const person = (user: User | null | undefined) => (user ? { id: user.id, name: user.name } : null);

const tagRecord = (tag: Tag) => ({
  id: tag.id,
  name: tag.name,
  color: tag.color,
  group: { id: tag.group.id, name: tag.group.name },
});

/** The customer's own values that people edit: shown in records and kept in audit snapshots. */
const customerValues = (c: Customer) => ({
  kind: c.kind,
  name: c.name,
  creditCode: c.creditCode,
  industry: c.industry,
  level: c.level,
  region: c.region,
  city: c.city,
  address: c.address,
  phone: c.phone,
  source: c.source,
});

export function customerRecord(c: Customer) {
  return {
    id: c.id,
    ...customerValues(c),
    owner: person(c.owner),
    collaborators: c.collaborators.getItems().map(person),
    tags: c.tags.getItems().map(tagRecord),
    customFields: c.customFields,
    lastFollowUpAt: c.lastFollowUpAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deletedAt: c.deletedAt,
  };
}

export function contactRecord(c: Contact) {
  return {
    id: c.id,
    name: c.name,
    mobile: c.mobile,
    phone: c.phone,
    email: c.email,
    title: c.title,
    wechat: c.wechat,
    primary: c.primary,
  };
}

export function followUpRecord(f: FollowUp) {
  return {
    id: f.id,
    kind: f.kind,
    content: f.content,
    nextStep: f.nextStep,
    nextAt: f.nextAt,
    occurredAt: f.occurredAt,
    author: person(f.author),
    contact: f.contact ? { id: f.contact.id, name: f.contact.name } : null,
  };
}

export type CustomerRecord = ReturnType<typeof customerRecord>;
export type ContactRecord = ReturnType<typeof contactRecord>;
export type FollowUpRecord = ReturnType<typeof followUpRecord>;

export const presentCustomer = (
  access: Access,
  c: Customer,
  changeable: boolean,
): Presented<CustomerRecord> => present(access, 'customer', customerRecord(c), { changeable });

export const presentContact = (access: Access, c: Contact, changeable: boolean): Presented<ContactRecord> =>
  present(access, 'contact', contactRecord(c), { changeable });

/** Follow-ups are a log: they are shown, never edited. */
export const presentFollowUp = (access: Access, f: FollowUp): Presented<FollowUpRecord> =>
  present(access, 'followUp', followUpRecord(f), { changeable: false });

// What the audit log keeps of each: the stored values people can change, relations by id.

export const customerSnapshot = (c: Customer) => ({
  ...customerValues(c),
  tags: c.tags
    .getItems()
    .map((t) => t.id)
    .sort((a, b) => a - b),
  customFields: c.customFields,
  owner: c.owner?.id ?? null,
  deletedAt: c.deletedAt,
});

export const contactSnapshot = (c: Contact) => {
  const { id: _id, ...values } = contactRecord(c);
  return { customer: c.customer.id, ...values };
};

export const followUpSnapshot = (f: FollowUp) => ({
  customer: f.customer.id,
  contact: f.contact?.id ?? null,
  kind: f.kind,
  content: f.content,
  nextStep: f.nextStep,
  nextAt: f.nextAt,
  occurredAt: f.occurredAt,
});
