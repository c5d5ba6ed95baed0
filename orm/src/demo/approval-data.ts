import type { EntityManager } from '@mikro-orm/postgresql';
import { ApprovalFlowSchema, type FlowDefinition } from '../entities/approval.js';
import type { User } from '../entities/user.js';

// The demo company's contract flow (issue 14): above ¥500,000 the sales manager, then finance,
// then the general manager; up to ¥500,000 the sales manager alone. The sales manager is the
// submitter's own manager; finance is anyone holding the finance role (或签); the general manager
// is named.

/** ¥500,000 in cents: the amount above which a contract needs finance and the general manager. */
const demoBigContractCents = 50_000_000;

function demoContractFlow(generalManagerId: number): FlowDefinition {
  const manager = { type: 'manager', level: 1 } as const;
  return {
    start: 'amount',
    nodes: [
      {
        id: 'amount',
        kind: 'condition',
        name: '合同金额',
        branches: [
          {
            name: '大于 50 万元',
            when: [{ field: 'amountCents', op: 'gt', value: [demoBigContractCents] }],
            next: 'big-manager',
          },
        ],
        otherwise: 'manager',
      },
      {
        id: 'big-manager',
        kind: 'approve',
        name: '销售主管审批',
        approvers: manager,
        mode: 'any',
        next: 'finance',
      },
      {
        id: 'finance',
        kind: 'approve',
        name: '财务审批',
        approvers: { type: 'role', role: 'finance' },
        mode: 'any',
        next: 'gm',
      },
      {
        id: 'gm',
        kind: 'approve',
        name: '总经理审批',
        approvers: { type: 'user', userIds: [generalManagerId] },
        mode: 'any',
        next: null,
      },
      { id: 'manager', kind: 'approve', name: '销售主管审批', approvers: manager, mode: 'any', next: null },
    ],
  };
}

// The demo quote flow: a quote with a line below its floor price goes to the submitter's sales
// manager; any other quote is approved without a run (domain/quotes/submit.ts), and if one reached
// the flow it would pass by itself (no branch, auto_pass).
const demoQuoteFlow: FlowDefinition = {
  start: 'floor',
  nodes: [
    {
      id: 'floor',
      kind: 'condition',
      name: '是否低于底价',
      branches: [
        {
          name: '有低于底价的产品',
          when: [{ field: 'belowFloorLines', op: 'gt', value: [0] }],
          next: 'manager',
        },
      ],
      otherwise: null,
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
};

/** The demo company's refund flow: the submitter's sales manager, then finance (或签). */
const demoRefundFlow: FlowDefinition = {
  start: 'manager',
  nodes: [
    {
      id: 'manager',
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
  ],
};

export function createApprovalFlows(em: EntityManager, generalManager: User): void {
  em.create(ApprovalFlowSchema, {
    docType: 'contract',
    version: 1,
    name: '合同审批',
    definition: demoContractFlow(generalManager.id),
    onNoApprover: 'admin',
    remindAfterHours: 24,
    escalateAfterHours: 48,
  });
  em.create(ApprovalFlowSchema, {
    docType: 'quote',
    version: 1,
    name: '报价审批（低于底价）',
    definition: demoQuoteFlow,
    onNoApprover: 'auto_pass',
    // A quote waits on a customer who is waiting too: reminded after half a day, never handed on.
    remindAfterHours: 8,
    escalateAfterHours: null,
  });
  em.create(ApprovalFlowSchema, {
    docType: 'refund',
    version: 1,
    name: '退款审批',
    definition: demoRefundFlow,
    onNoApprover: 'admin',
    remindAfterHours: 24,
    escalateAfterHours: 72,
  });
}
