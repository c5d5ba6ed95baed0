import { refreshSearchKeys } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { refuseUneditable } from '../access/field-rules.js';
import { audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { refuseInvalidCustomFields } from '../custom-fields/validate.js';
import type { TagMirror } from '../tags/mirror.js';
import { type CustomerPatch, ruledFieldOf } from './inputs.js';
import { customerSnapshot } from './records.js';
import { customerFor } from './store.js';
import { tagsFor } from './tags.js';
import { refuseInconsistent } from './validation.js';

/** Changes the fields present in `patch`; the audit log gets the fields that really changed. */
export async function updateCustomer(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: CustomerPatch,
  tagMirror?: TagMirror,
): Promise<void> {
  await em.transactional(async (tx) => {
    const customer = await customerFor(tx, acting.access, id, { purpose: 'change' });
    const { tagIds, customFields, ...fields } = patch;
    const given = Object.keys(patch).filter((key) => patch[key as keyof CustomerPatch] !== undefined);
    refuseUneditable(acting.access, [{ object: 'customer', fields: given.map(ruledFieldOf) }]);
    const before = customerSnapshot(customer);
    const tags = tagIds === undefined ? undefined : await tagsFor(tx, tagIds);
    if (customFields) await refuseInvalidCustomFields(tx, 'customer', customFields, { creating: false });

    tx.assign(customer, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    refuseInconsistent(customer);
    if (tags) customer.tags.set(tags);
    if (customFields) customer.customFields = mergeCustomFields(customer.customFields, customFields);

    await tx.flush();
    await refreshSearchKeys(tx, [customer.id]);
    const changes = changesBetween(before, customerSnapshot(customer));
    if (Object.keys(changes).length > 0)
      audit(tx, acting, { action: 'update', objectType: 'customer', objectId: customer.id, changes });
    if (changes.tags && customer.wecomExternalUserId) await tagMirror?.customerTagsChanged(tx, customer.id);
  });
}

/** A patch of custom fields: keys given replace, keys given as null go. */
function mergeCustomFields(current: Record<string, unknown>, patch: Record<string, unknown>) {
  const merged = { ...current, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}
