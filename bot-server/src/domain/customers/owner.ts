import { type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import type { Acting } from '../access/acting.js';
import { FieldsRefusedError, RefusedError } from '../access/errors.js';
import { usersCovered } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { tellHandover } from '../notify/handover.js';
import type { Messenger } from '../notify/messenger.js';
import { customerSnapshot } from './records.js';
import { customerFor } from './store.js';

/**
 * Hands a customer to another owner, or back to the pool (null). Only a manager or admin whose scope
 * covers both the customer (or the pool it sits in) and the new owner may do it. The new owner and
 * the former one are told in their direct chat, if and only if the change commits.
 */
export async function changeOwner(
  em: EntityManager,
  acting: Acting,
  customerId: number,
  ownerId: number | null,
  messenger: Messenger,
): Promise<void> {
  await em.transactional(async (tx) => {
    const customer = await customerFor(tx, acting.access, customerId, { purpose: 'reassign' });
    const owner = ownerId === null ? null : await assignableOwner(tx, acting.access, ownerId);
    const before = customerSnapshot(customer);
    const from = customer.owner ?? null;
    customer.owner = owner;
    const changes = changesBetween(before, customerSnapshot(customer));
    if (Object.keys(changes).length > 0)
      audit(tx, acting, { action: 'update', objectType: 'customer', objectId: customer.id, changes });
    await tellHandover(tx, messenger, { by: acting.user, what: `客户 ${customer.name}`, from, to: owner });
  });
}

/**
 * The user a customer (or a lead: `object`) may be handed to by this user: someone still in the
 * company (one who left is named, so the person sees why) and within their manager's scope.
 */
export async function assignableOwner(
  em: EntityManager,
  access: Access,
  ownerId: number,
  object: 'customer' | 'lead' = 'customer',
): Promise<User> {
  const owner = await em.findOne(UserSchema, {
    $and: [{ id: ownerId }, usersCovered(access, object, 'reassign')],
  });
  if (owner && !owner.active)
    throw new RefusedError(object === 'lead' ? 'lead-owner-left' : 'owner-left', { name: owner.name });
  if (!owner)
    throw new FieldsRefusedError([{ field: 'ownerId', message: '新负责人不存在，或不在你的管辖范围内' }]);
  return owner;
}
