import { formatMoney } from '@kelian/cards';
import { ContractSchema } from '@kelian/orm';
import { LockMode } from '@mikro-orm/postgresql';
import type { ApprovableDocument, ApprovalOutcome } from '../approvals/document.js';
import { audit } from '../audit/audit.js';
import { contractFigures } from './figures.js';
import { requireDraft } from './rules.js';
import { contractFor } from './store.js';

// The contract as an approval document: flows branch on its amount, dates, customer and owner;
// submitting moves a draft to 审批中; approval makes it 已生效, a rejection or a withdrawal makes it
// a draft again, to be changed and resubmitted.

const statusAfter: Record<ApprovalOutcome, 'active' | 'draft'> = {
  approved: 'active',
  rejected: 'draft',
  withdrawn: 'draft',
};

export const contractDocument: ApprovableDocument = {
  label: '合同',
  fields: {
    amountCents: { label: '合同金额（分）', kind: 'number' },
    number: { label: '合同编号', kind: 'text' },
    name: { label: '合同名称', kind: 'text' },
    customerName: { label: '客户名称', kind: 'text' },
    startDate: { label: '开始日期', kind: 'date' },
    endDate: { label: '结束日期', kind: 'date' },
    signedDate: { label: '签约日期', kind: 'date' },
    ownerId: { label: '负责人', kind: 'user' },
  },

  async submit(tx, acting, id) {
    await tx.findOne(ContractSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const contract = await contractFor(tx, acting.access, id, 'change');
    requireDraft(contract, '提交审批');
    contract.status = 'pending';
    audit(tx, acting, {
      action: 'update',
      objectType: 'contract',
      objectId: id,
      changes: { status: { before: 'draft', after: 'pending' } },
    });
    return {
      customerId: contract.customer.id,
      opportunityId: contract.opportunity?.id ?? null,
      title: `合同「${contract.name}」（${contract.number} · ${contract.customer.name} · ${formatMoney(contract.amountCents)}）`,
      values: {
        amountCents: contract.amountCents,
        number: contract.number,
        name: contract.name,
        customerId: contract.customer.id,
        customerName: contract.customer.name,
        opportunityId: contract.opportunity?.id ?? null,
        startDate: contract.startDate,
        endDate: contract.endDate,
        signedDate: contract.signedDate ?? null,
        ownerId: contract.owner?.id ?? null,
      },
    };
  },

  figures: async (_tx, snapshot) => contractFigures(snapshot),

  async settle(tx, id, outcome, auditor) {
    // The run's row lock already orders decisions; the contract's keeps edits out meanwhile.
    const contract = await tx.findOneOrFail(ContractSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const before = contract.status;
    contract.status = statusAfter[outcome];
    audit(tx, auditor, {
      action: 'update',
      objectType: 'contract',
      objectId: id,
      changes: { status: { before, after: contract.status } },
    });
  },
};
