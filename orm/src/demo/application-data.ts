import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationTypeSchema } from '../entities/application.js';
import { ApprovalFlowSchema, type FlowDefinition } from '../entities/approval.js';

// The demo company's own document type (issue 14): a 信用额度申请 for a customer. Up to ¥200,000
// the sales manager decides alone, above it finance too; the run's approval writes the amount asked
// for to the customer's credit limit (a post-approval action of the flow).

/** ¥200,000 in cents. */
const bigCreditCents = 20_000_000;

const creditFlow: FlowDefinition = {
  start: 'amount',
  nodes: [
    {
      id: 'amount',
      kind: 'condition',
      name: '申请额度',
      branches: [
        { name: '大于 20 万元', when: [{ field: 'amount', op: 'gt', value: [bigCreditCents] }], next: 'big' },
      ],
      otherwise: 'manager',
    },
    {
      id: 'big',
      kind: 'approve',
      name: '销售主管审批',
      approvers: { type: 'manager', level: 1 },
      mode: 'any',
      next: 'finance',
    },
    {
      id: 'finance',
      kind: 'approve',
      name: '财务审批',
      approvers: { type: 'role', role: 'finance' },
      mode: 'any',
      next: null,
    },
    {
      id: 'manager',
      kind: 'approve',
      name: '销售主管审批',
      approvers: { type: 'manager', level: 1 },
      mode: 'any',
      next: null,
    },
  ],
  onApproved: [{ set: 'customer.creditLimitCents', from: 'amount' }],
};

export async function createApplicationTypes(em: EntityManager): Promise<void> {
  const credit = em.create(ApplicationTypeSchema, {
    name: '信用额度申请',
    icon: '额',
    color: '#2f6bff',
    fields: [
      { key: 'customer', label: '客户', kind: 'customer', required: true },
      { key: 'amount', label: '申请额度', kind: 'amount', required: true },
      {
        key: 'term',
        label: '账期',
        kind: 'choice',
        required: true,
        options: ['月结 30 天', '月结 60 天', '月结 90 天'],
      },
      { key: 'reason', label: '申请理由', kind: 'text', required: false },
    ],
  });
  await em.flush();
  em.create(ApprovalFlowSchema, {
    docType: `application:${credit.id}`,
    version: 1,
    name: '信用额度审批',
    definition: creditFlow,
    onNoApprover: 'admin',
  });
}
