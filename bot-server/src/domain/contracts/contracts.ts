import { formatMoney } from '@kelian/cards';
import { type Contract, ContractSchema, OpportunitySchema, UserSchema } from '@kelian/orm';
import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { RefusedError } from '../access/errors.js';
import { requireRight } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { customerFor } from '../customers/store.js';
import { plannedCents } from '../receivables/plans.js';
import { checkTerms, requireDraft } from './rules.js';
import { contractFor } from './store.js';

// Writing contracts: a draft is created on a customer the user may change, edited while a draft,
// and moved to the recycle bin while a draft. Its status beyond 草稿 belongs to its approval.

export interface ContractFields {
  number?: string;
  name?: string;
  opportunityId?: number | null;
  amountCents?: number;
  startDate?: string;
  endDate?: string;
  signedDate?: string | null;
}

export interface NewContract extends ContractFields {
  customerId: number;
  number: string;
  name: string;
  amountCents: number;
  startDate: string;
  endDate: string;
}

export const contractSnapshot = (c: Contract) => ({
  number: c.number,
  name: c.name,
  opportunity: c.opportunity?.id ?? null,
  amountCents: c.amountCents,
  startDate: c.startDate,
  endDate: c.endDate,
  signedDate: c.signedDate ?? null,
  status: c.status,
});

/** The deal must be the customer's own (and live). */
export async function checkOpportunity(
  tx: EntityManager,
  customerId: number,
  opportunityId: number | null | undefined,
) {
  if (opportunityId === null || opportunityId === undefined) return;
  const deal = await tx.findOne(OpportunitySchema, {
    id: opportunityId,
    customer: customerId,
    deletedAt: null,
  });
  if (!deal) throw new RefusedError('contract-opportunity-mismatch');
}

/** Runs `write`, answering a taken contract number as the refusal it is. */
async function numbered<T>(number: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new RefusedError('contract-number-taken', { number: number ?? '' });
    throw error;
  }
}

export function createContract(em: EntityManager, acting: Acting, input: NewContract): Promise<Contract> {
  requireRight(acting.access, 'contract', 'edit');
  checkTerms(input);
  const { customerId, opportunityId, ...fields } = input;
  return numbered(input.number, () =>
    em.transactional(async (tx) => {
      const customer = await customerFor(tx, acting.access, customerId, { purpose: 'change' });
      await checkOpportunity(tx, customer.id, opportunityId);
      const contract = tx.create(ContractSchema, {
        ...fields,
        customer,
        opportunity: opportunityId ?? null,
        owner: tx.getReference(UserSchema, acting.user.id),
      });
      await auditCreated(tx, acting, 'contract', contract, contractSnapshot);
      return contract;
    }),
  );
}

/** One change of a draft, under the contract's row lock (a submission may be racing it). */
function changeDraft(
  em: EntityManager,
  acting: Acting,
  id: number,
  verb: string,
  change: (tx: EntityManager, contract: Contract) => Promise<void>,
): Promise<Contract> {
  return em.transactional(async (tx) => {
    await tx.findOne(ContractSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const contract = await contractFor(tx, acting.access, id, 'change');
    requireDraft(contract, verb);
    const before = contractSnapshot(contract);
    await change(tx, contract);
    audit(tx, acting, {
      action: contract.deletedAt ? 'delete' : 'update',
      objectType: 'contract',
      objectId: id,
      changes: changesBetween(before, contractSnapshot(contract)),
    });
    await tx.flush();
    return contract;
  });
}

/** A draft may carry its receivable plan already: its amount never drops below what the plan asks. */
async function keepPlanWithin(tx: EntityManager, contractId: number, amountCents: number) {
  const planned = await plannedCents(tx, contractId);
  if (amountCents < planned)
    throw new RefusedError('contract-amount-below-plan', {
      planned: formatMoney(planned),
      contract: formatMoney(amountCents),
    });
}

export function updateContract(
  em: EntityManager,
  acting: Acting,
  id: number,
  fields: ContractFields,
): Promise<Contract> {
  return numbered(fields.number, () =>
    changeDraft(em, acting, id, '修改', async (tx, contract) => {
      const { opportunityId, ...rest } = fields;
      checkTerms({
        amountCents: rest.amountCents ?? contract.amountCents,
        startDate: rest.startDate ?? contract.startDate,
        endDate: rest.endDate ?? contract.endDate,
      });
      if (rest.amountCents !== undefined) await keepPlanWithin(tx, contract.id, rest.amountCents);
      if (opportunityId !== undefined) {
        await checkOpportunity(tx, contract.customer.id, opportunityId);
        contract.opportunity =
          opportunityId === null ? null : tx.getReference(OpportunitySchema, opportunityId);
      }
      Object.assign(contract, rest);
    }),
  );
}

export function deleteContract(em: EntityManager, acting: Acting, id: number): Promise<Contract> {
  requireRight(acting.access, 'contract', 'delete');
  return changeDraft(em, acting, id, '删除', async (_tx, contract) => {
    contract.deletedAt = new Date();
  });
}
