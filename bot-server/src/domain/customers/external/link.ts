import {
  ContactSchema,
  type Customer,
  CustomerSchema,
  refreshSearchKeys,
  type User,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../../access/acting.js';
import { NotVisibleError } from '../../access/errors.js';
import { audit } from '../../audit/audit.js';
import { type Changes, changesBetween, created } from '../../audit/changes.js';
import { recordContactLead } from '../../leads/from-contact.js';
import { applyFollowerTags } from '../../tags/corp-tags.js';
import { type DuplicateProbe, refuseDuplicates } from '../duplicates.js';
import { DuplicateCustomersError } from '../errors.js';
import { customerSnapshot } from '../records.js';
import { customerPopulate } from '../store.js';
import { mobilePattern } from '../validation.js';
import type { ExternalContactRecord, ExternalFollower } from './source.js';

// A WeCom external contact (客户联系) is a Kelian customer: the first member who adds the contact
// owns the customer, later ones collaborate on it. The link is `wecomExternalUserId`; what people
// typed in Kelian is never overwritten by WeCom, WeCom only fills what is still empty.

export interface LinkOutcome {
  customer: Customer;
  created: boolean;
}

/**
 * The acting rep follows the contact (they added it, edited it, or asked for it from the chat
 * sidebar): the linked customer, created when there is none. A rep who does not follow the contact
 * cannot reach it this way (NotVisibleError, like any customer outside their scope).
 */
export async function linkFollower(
  em: EntityManager,
  acting: Acting,
  contact: ExternalContactRecord,
  /** The rep has just been added (the add event): a new customer is also a won lead. */
  justAdded = false,
): Promise<LinkOutcome> {
  const follower = contact.followers.find((f) => f.userId === acting.user.wecomUserId);
  if (!follower) throw new NotVisibleError('customer');
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(
      CustomerSchema,
      { wecomExternalUserId: contact.externalUserId },
      { populate: customerPopulate },
    );
    if (existing) {
      await joinCustomer(tx, acting, existing, follower);
      return { customer: existing, created: false };
    }
    const customer = await createLinked(tx, acting, contact, follower);
    if (justAdded)
      await recordContactLead(tx, acting, customer, {
        externalUserId: contact.externalUserId,
        name: contact.name,
        mobile: mobileOf(follower) ?? null,
      });
    return { customer, created: true };
  });
}

/**
 * The rep no longer follows the contact (they deleted it, or it deleted them): they stop
 * collaborating; an owner hands the customer to the next rep who still follows it in Kelian, and
 * with none left it goes to the pool (公海), where anyone may claim it. `remaining` is the contact
 * as the platform now knows it (undefined when it is gone altogether).
 */
export async function unlinkFollower(
  em: EntityManager,
  acting: Acting,
  externalUserId: string,
  remaining: ExternalContactRecord | undefined,
): Promise<Customer | undefined> {
  return em.transactional(async (tx) => {
    const customer = await tx.findOne(
      CustomerSchema,
      { wecomExternalUserId: externalUserId },
      { populate: customerPopulate },
    );
    if (!customer) return undefined;
    const rep = acting.user.id;
    const before = linkSnapshot(customer);
    const collaborator = customer.collaborators.getItems().find((u) => u.id === rep);
    if (collaborator) customer.collaborators.remove(collaborator);
    if (customer.owner?.id === rep) {
      const next = await nextOwner(tx, customer, remaining, acting.user);
      customer.owner = next ?? null;
      if (next) customer.collaborators.remove(next);
    }
    recordChange(tx, acting, customer, before);
    await tx.flush();
    return customer;
  });
}

/** The first other follower who is an active Kelian user, preferring one already collaborating. */
async function nextOwner(
  em: EntityManager,
  customer: Customer,
  remaining: ExternalContactRecord | undefined,
  leaving: User,
): Promise<User | undefined> {
  const ids = (remaining?.followers ?? []).map((f) => f.userId).filter((id) => id !== leaving.wecomUserId);
  if (ids.length === 0) return undefined;
  const users = await em.find(UserSchema, { wecomUserId: { $in: ids }, active: true });
  const collaborating = users.find((u) => customer.collaborators.getItems().some((c) => c.id === u.id));
  return (
    collaborating ?? ids.map((id) => users.find((u) => u.wecomUserId === id)).find((u) => u !== undefined)
  );
}

async function joinCustomer(
  em: EntityManager,
  acting: Acting,
  customer: Customer,
  follower: ExternalFollower,
): Promise<void> {
  const before = linkSnapshot(customer);
  // By reference: the full sync acts for each rep from one context and links in a fresh one each time.
  const rep = em.getReference(UserSchema, acting.user.id);
  if (!customer.owner) customer.owner = rep;
  else if (customer.owner.id !== rep.id && !customer.collaborators.getItems().some((u) => u.id === rep.id))
    customer.collaborators.add(rep);
  customer.source ??= follower.state;
  if (customer.kind === 'person') customer.phone ??= mobileOf(follower) ?? null;
  // The owner's follow carries the customer's WeCom tags; a collaborator's own tagging stays theirs.
  if (customer.owner.id === rep.id) await applyFollowerTags(em, customer, follower.tagIds);
  recordChange(em, acting, customer, before);
  await em.flush();
  await refreshSearchKeys(em, [customer.id]);
}

async function createLinked(
  em: EntityManager,
  acting: Acting,
  contact: ExternalContactRecord,
  follower: ExternalFollower,
): Promise<Customer> {
  const kind = contact.corpName ? 'company' : 'person';
  const name = contact.corpName ?? contact.name;
  const mobile = mobileOf(follower);
  const duplicates = await possibleDuplicates(em, acting, {
    kind,
    name,
    mobiles: mobile ? [mobile] : [],
  });
  const customer = em.create(CustomerSchema, {
    kind,
    name,
    phone: kind === 'person' ? (mobile ?? null) : null,
    source: follower.state,
    owner: em.getReference(UserSchema, acting.user.id),
    wecomExternalUserId: contact.externalUserId,
    customFields: {},
  });
  await applyFollowerTags(em, customer, follower.tagIds);
  const person =
    kind === 'company'
      ? em.create(ContactSchema, { customer, name: contact.name, mobile: mobile ?? null, primary: true })
      : undefined;
  await em.flush();
  await refreshSearchKeys(em, [customer.id]);
  // A likely duplicate is flagged on the new customer's audit entry, never merged silently: people
  // decide with GET /api/customers/:id/duplicates and the merge action.
  const flagged: Changes = duplicates.length
    ? { possibleDuplicates: { before: null, after: duplicates } }
    : {};
  audit(em, acting, {
    action: 'create',
    objectType: 'customer',
    objectId: customer.id,
    changes: {
      ...created({ ...customerSnapshot(customer), wecomExternalUserId: contact.externalUserId }),
      ...flagged,
    },
  });
  if (person)
    audit(em, acting, {
      action: 'create',
      objectType: 'contact',
      objectId: person.id,
      changes: created({ customer: customer.id, name: person.name, mobile: person.mobile }),
    });
  return customer;
}

/**
 * Ids of live customers the new one looks like (same company name or mobile), whoever owns them:
 * only ids are kept, in the audit entry, so looking beyond the rep's scope reveals nothing to them.
 */
async function possibleDuplicates(
  em: EntityManager,
  acting: Acting,
  probe: DuplicateProbe,
): Promise<number[]> {
  try {
    await refuseDuplicates(em, { ...acting.access, grants: [{ scope: 'all' }] }, probe);
    return [];
  } catch (error) {
    if (error instanceof DuplicateCustomersError) return error.visible.map((d) => d.customer.id);
    throw error;
  }
}

const mobileOf = (f: ExternalFollower) => f.mobiles.find((m) => mobilePattern.test(m));

/** What a link changes: the customer's own values and who works on it. */
const linkSnapshot = (c: Customer) => ({
  ...customerSnapshot(c),
  collaborators: c.collaborators
    .getItems()
    .map((u) => u.id)
    .sort((a, b) => a - b),
});

function recordChange(
  em: EntityManager,
  acting: Acting,
  customer: Customer,
  before: ReturnType<typeof linkSnapshot>,
): void {
  const changes = changesBetween(before, linkSnapshot(customer));
  if (Object.keys(changes).length > 0)
    audit(em, acting, { action: 'update', objectType: 'customer', objectId: customer.id, changes });
}
