import { type Customer, CustomerSchema, type Tag } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../../access/acting.js';
import { refuseUneditable } from '../../access/field-rules.js';
import { requireRight } from '../../access/policy.js';
import { customerScope, type ScopePurpose } from '../../access/scope.js';
import { audit } from '../../audit/audit.js';
import { changesBetween } from '../../audit/changes.js';
import { type BatchOutcome, sortOut } from '../../grid/batch.js';
import { batchHandover, recordsNamed } from '../../notify/handover.js';
import type { Messenger } from '../../notify/messenger.js';
import type { TagMirror } from '../../tags/mirror.js';
import { assignableOwner } from '../owner.js';
import { customerSnapshot } from '../records.js';
import { customerPopulate, refusalToReach } from '../store.js';
import { tagsFor } from '../tags.js';

// A change to many customers at once, from the grid's selection: a new owner, a level, tags added
// or removed, or the move to the recycle bin. What the change as a whole may not do (a right the
// role lacks, a field its rules forbid, an owner who left) is refused before anything is touched.
// Then each row the user may change this way changes, and each other row is named in the answer
// with the reason, unchanged. One transaction for the batch; one audit entry per changed customer.

export type BatchChange =
  | { delete: true }
  | {
      delete?: false;
      /** A user id, or null for the pool. */
      ownerId?: number | null;
      level?: string | null;
      addTagIds?: number[];
      removeTagIds?: number[];
    };

const invisible = '客户不存在或不在你的数据范围内';

/** What the change takes of each row: a reassignment for the owner, a change for the rest. */
function purposesOf(change: BatchChange): ScopePurpose[] {
  if (change.delete) return ['delete'];
  return [
    ...(change.ownerId !== undefined ? (['reassign'] as const) : []),
    ...(change.level !== undefined || change.addTagIds || change.removeTagIds ? (['change'] as const) : []),
  ];
}

export async function batchCustomers(
  em: EntityManager,
  acting: Acting,
  ids: readonly number[],
  change: BatchChange,
  deps: { messenger: Messenger; tagMirror?: TagMirror },
): Promise<BatchOutcome<Customer>> {
  const { access } = acting;
  const purposes = purposesOf(change);
  for (const purpose of purposes) requireRight(access, 'customer', verbOf[purpose]);
  if (!change.delete)
    refuseUneditable(access, [
      {
        object: 'customer',
        fields: [
          ...(change.level !== undefined ? ['level'] : []),
          ...(change.addTagIds || change.removeTagIds ? ['tags'] : []),
        ],
      },
    ]);
  return em.transactional(async (tx) => {
    const owner =
      change.delete || change.ownerId === undefined
        ? undefined
        : change.ownerId === null
          ? null
          : await assignableOwner(tx, access, change.ownerId);
    const added = change.delete || !change.addTagIds ? [] : await tagsFor(tx, change.addTagIds);
    const removed = new Set(change.delete ? [] : (change.removeTagIds ?? []));
    const visible = await tx.find(
      CustomerSchema,
      { $and: [{ id: { $in: [...new Set(ids)] }, deletedAt: null }, customerScope(access, 'read')] },
      { populate: customerPopulate },
    );
    const refusalOf = (customer: Customer) =>
      purposes.map((p) => refusalToReach(access, customer, p)).find(Boolean)?.reason;
    const { rows, outcome } = sortOut(ids, visible, refusalOf, invisible);
    const handover = owner === undefined ? undefined : batchHandover(acting.user, owner, customersNamed);
    for (const customer of rows) {
      const id = customer.id;
      const before = customerSnapshot(customer);
      if (change.delete) customer.deletedAt = new Date();
      else {
        if (owner !== undefined) {
          handover?.add(customer.owner ?? null, customer.name);
          customer.owner = owner;
        }
        if (change.level !== undefined) customer.level = change.level;
        if (added.length > 0 || removed.size > 0)
          customer.tags.set(withTags(customer.tags.getItems(), added, removed));
      }
      // A row that already was so counts as changed (it is as asked), with nothing to audit.
      outcome.changed.push(id);
      const changes = changesBetween(before, customerSnapshot(customer));
      if (Object.keys(changes).length === 0) continue;
      audit(tx, acting, {
        action: change.delete ? 'delete' : 'update',
        objectType: 'customer',
        objectId: id,
        changes,
      });
      if (changes.tags && customer.wecomExternalUserId) await deps.tagMirror?.customerTagsChanged(tx, id);
    }
    await tx.flush();
    await handover?.tell(tx, deps.messenger);
    return outcome;
  });
}

const verbOf = { change: 'edit', delete: 'delete', reassign: 'reassign', read: 'read' } as const;

/** The tags after the change: a tag of a one-tag group replaces the group's other tag. */
function withTags(current: Tag[], added: Tag[], removed: Set<number>): Tag[] {
  const exclusiveGroups = new Set(added.filter((t) => t.group.exclusive).map((t) => t.group.id));
  const kept = current.filter((t) => !removed.has(t.id) && !exclusiveGroups.has(t.group.id));
  return [...kept, ...added.filter((t) => !removed.has(t.id) && !kept.some((k) => k.id === t.id))];
}

const customersNamed = recordsNamed('客户', '位');
