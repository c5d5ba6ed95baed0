import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { customerSnapshot } from './records.js';
import { customerFor } from './store.js';

// Users never erase customers: deleting moves one to the recycle bin (deletedAt), where whoever
// could delete it may find it and restore it. Its contacts and follow-ups stay with it.

export async function deleteCustomer(em: EntityManager, acting: Acting, id: number): Promise<void> {
  await moveCustomer(em, acting, id, 'delete');
}

export async function restoreCustomer(em: EntityManager, acting: Acting, id: number): Promise<void> {
  await moveCustomer(em, acting, id, 'restore');
}

async function moveCustomer(em: EntityManager, acting: Acting, id: number, action: 'delete' | 'restore') {
  await em.transactional(async (tx) => {
    const customer = await customerFor(tx, acting.access, id, {
      purpose: 'delete',
      inRecycleBin: action === 'restore',
    });
    const before = customerSnapshot(customer);
    customer.deletedAt = action === 'delete' ? new Date() : null;
    const changes = changesBetween(before, customerSnapshot(customer));
    audit(tx, acting, { action, objectType: 'customer', objectId: customer.id, changes });
  });
}
