import {
  type Contract,
  type ReceivableInstalment,
  ReceivableInstalmentSchema,
  type ReceivableReceipt,
  ReceivableReceiptSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { requireRight } from '../access/policy.js';
import { contractFor } from '../contracts/store.js';
import { customerFor } from '../customers/store.js';
import { type OverdueFigure, overdueForCustomer } from './overdue.js';
import { instalmentPopulate, receivableScope } from './store.js';

// What the pages show: a contract's plan with its receipts, a customer's plans with the 逾期
// figure. Both need the receivable read right on top of seeing the contract or customer.

export interface ContractPlan {
  contract: Contract;
  instalments: ReceivableInstalment[];
  receipts: ReceivableReceipt[];
}

export async function contractPlan(
  em: EntityManager,
  access: Access,
  contractId: number,
): Promise<ContractPlan> {
  requireRight(access, 'receivable', 'read');
  const contract = await contractFor(em, access, contractId, 'read');
  const instalments = await em.find(
    ReceivableInstalmentSchema,
    { $and: [{ contract: contractId }, receivableScope(access, 'read')] },
    { orderBy: { seq: 'asc' }, populate: instalmentPopulate },
  );
  const receipts = await em.find(
    ReceivableReceiptSchema,
    { instalment: { $in: instalments.map((i) => i.id) } },
    { orderBy: { id: 'asc' }, populate: ['recordedBy', 'instalment'] },
  );
  return { contract, instalments, receipts };
}

export async function customerReceivables(
  em: EntityManager,
  access: Access,
  customerId: number,
  today: string,
): Promise<{ instalments: ReceivableInstalment[]; overdue: OverdueFigure }> {
  requireRight(access, 'receivable', 'read');
  await customerFor(em, access, customerId, { purpose: 'read' });
  const instalments = await em.find(
    ReceivableInstalmentSchema,
    { $and: [{ customer: customerId }, receivableScope(access, 'read')] },
    { orderBy: { dueDate: 'asc', id: 'asc' }, populate: instalmentPopulate },
  );
  return { instalments, overdue: await overdueForCustomer(em, customerId, today) };
}
