import {
  ContactSchema,
  type Customer,
  FollowUpSchema,
  LeadSchema,
  OpportunitySchema,
  refreshSearchKeys,
  TaskSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import type { Acting } from '../access/acting.js';
import { mayChange } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';
import { refuseDuplicates } from './duplicates.js';
import { DuplicateCustomersError, type DuplicateMatch } from './errors.js';
import { customerSnapshot } from './records.js';
import { customerFor } from './store.js';
import { mobilePattern } from './validation.js';

// Two records of one customer become one: everything of the merged customer moves to the survivor,
// the survivor's empty fields are filled from it, and it goes to the recycle bin with
// `mergedIntoId`, so the merge can be traced (and the record restored by hand if it was a mistake).

export interface DuplicateCandidate {
  customer: Customer;
  changeable: boolean;
  match: DuplicateMatch;
}

/** Live customers the user can see that look like this one (same company name, credit code or mobile). */
export async function duplicatesOf(
  em: EntityManager,
  access: Access,
  id: number,
): Promise<DuplicateCandidate[]> {
  const customer = await customerFor(em, access, id, { purpose: 'read' });
  const contacts = await em.find(ContactSchema, { customer: id }, { fields: ['mobile'] });
  const mobiles = [customer.phone, ...contacts.map((c) => c.mobile)].filter(
    (m): m is string => typeof m === 'string' && mobilePattern.test(m),
  );
  try {
    await refuseDuplicates(em, access, {
      kind: customer.kind,
      name: customer.name,
      creditCode: customer.creditCode,
      mobiles,
    });
    return [];
  } catch (error) {
    if (!(error instanceof DuplicateCustomersError)) throw error;
    return error.visible
      .filter((d) => d.customer.id !== id)
      .map((d) => ({
        customer: d.customer,
        changeable: mayChange(access, d.customer),
        match: d.matchedOn[0]!,
      }));
  }
}

/** The values that are copied into the survivor where it has none. */
const fillable = ['creditCode', 'industry', 'level', 'region', 'city', 'address', 'phone', 'source'] as const;

/**
 * Merges customer `id` into `intoId`; the user must be allowed to change both (NotVisibleError /
 * NotPermittedError otherwise, and nothing changes). Returns the survivor.
 */
export async function mergeCustomer(
  em: EntityManager,
  acting: Acting,
  id: number,
  intoId: number,
): Promise<Customer> {
  if (id === intoId) throw new InvalidInputError('intoId', '不能把客户合并到它自己');
  return em.transactional(async (tx) => {
    const merged = await customerFor(tx, acting.access, id, { purpose: 'change' });
    const survivor = await customerFor(tx, acting.access, intoId, { purpose: 'change' });
    const mergedBefore = customerSnapshot(merged);
    const survivorBefore = { ...customerSnapshot(survivor), collaborators: collaboratorIds(survivor) };

    const survivorHasPrimary = (await tx.count(ContactSchema, { customer: intoId, primary: true })) > 0;
    await tx.nativeUpdate(
      ContactSchema,
      { customer: id },
      { customer: intoId, ...(survivorHasPrimary ? { primary: false } : {}) },
    );
    // Each by its own statement: the entity types differ, the move is the same.
    await tx.nativeUpdate(FollowUpSchema, { customer: id }, { customer: intoId });
    await tx.nativeUpdate(OpportunitySchema, { customer: id }, { customer: intoId });
    await tx.nativeUpdate(TaskSchema, { customer: id }, { customer: intoId });
    await tx.nativeUpdate(LeadSchema, { customer: id }, { customer: intoId });

    for (const field of fillable)
      if (survivor[field] == null && merged[field] != null) survivor[field] = merged[field];
    survivor.customFields = { ...merged.customFields, ...survivor.customFields };
    if (
      merged.lastFollowUpAt &&
      (!survivor.lastFollowUpAt || merged.lastFollowUpAt > survivor.lastFollowUpAt)
    )
      survivor.lastFollowUpAt = merged.lastFollowUpAt;
    // A tag joins unless the survivor already holds one of the same single-choice group.
    for (const tag of merged.tags.getItems()) {
      const taken = survivor.tags.getItems().some((t) => t.group.id === tag.group.id && t.group.exclusive);
      if (!taken && !survivor.tags.contains(tag)) survivor.tags.add(tag);
    }
    // Whoever worked on the merged customer keeps working on it, as a collaborator.
    for (const user of [merged.owner, ...merged.collaborators.getItems()])
      if (user && user.id !== survivor.owner?.id && !survivor.collaborators.contains(user))
        survivor.collaborators.add(user);

    const externalId = merged.wecomExternalUserId;
    merged.wecomExternalUserId = null;
    merged.deletedAt = new Date();
    merged.mergedIntoId = intoId;
    // The link moves after the merged row let go of it: the column is unique.
    await tx.flush();
    if (externalId && !survivor.wecomExternalUserId) survivor.wecomExternalUserId = externalId;
    await tx.flush();
    await refreshSearchKeys(tx, [intoId]);

    audit(tx, acting, {
      action: 'merge',
      objectType: 'customer',
      objectId: id,
      changes: {
        ...changesBetween(mergedBefore, customerSnapshot(merged)),
        mergedInto: { before: null, after: intoId },
      },
    });
    audit(tx, acting, {
      action: 'update',
      objectType: 'customer',
      objectId: intoId,
      changes: {
        ...changesBetween(survivorBefore, {
          ...customerSnapshot(survivor),
          collaborators: collaboratorIds(survivor),
        }),
        mergedFrom: { before: null, after: id },
      },
    });
    return survivor;
  });
}

const collaboratorIds = (c: Customer) =>
  c.collaborators
    .getItems()
    .map((u) => u.id)
    .sort((a, b) => a - b);
