import type { Approval } from '../src/services/approvals';

// A ¥600,000 contract's approval as the server answers it: 李娜 decides the first of three steps
// (finance 或签 next, then 王建国), her task is open.

export const lina = { id: 3, name: '李娜', title: '销售总监', department: { id: 1, name: '销售部' } };

export const pendingRun: Approval = {
  id: 7,
  docType: 'contract',
  docId: 21,
  title: '合同「年度框架合同」（HT-2026-001 · 星河智能 · ¥600,000.00）',
  status: 'pending',
  step: '销售主管审批',
  submitter: { id: 4, name: '张伟' },
  createdAt: '2026-12-06T02:00:00.000Z',
  flow: { id: 1, name: '合同审批', version: 1 },
  document: {
    amountCents: 60_000_000,
    number: 'HT-2026-001',
    name: '年度框架合同',
    customerName: '星河智能',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    signedDate: null,
  },
  figures: {
    title: '合同审批 · 星河智能',
    emphasis: { label: '合同金额', value: '¥600,000.00' },
    rows: [{ label: '合同编号', value: 'HT-2026-001' }],
  },
  decidedAt: null,
  currentStep: 0,
  steps: [
    {
      nodeId: 'big-manager',
      name: '销售主管审批',
      kind: 'approve',
      mode: 'any',
      tasks: [{ id: 31, approver: { id: 3, name: '李娜' }, status: 'pending', reason: null, actedAt: null }],
    },
    {
      nodeId: 'finance',
      name: '财务审批',
      kind: 'approve',
      mode: 'any',
      tasks: [
        { id: 32, approver: { id: 6, name: '赵敏' }, status: 'waiting', reason: null, actedAt: null },
        { id: 33, approver: { id: 7, name: '孙丽' }, status: 'waiting', reason: null, actedAt: null },
      ],
    },
    {
      nodeId: 'gm',
      name: '总经理审批',
      kind: 'approve',
      mode: 'any',
      tasks: [
        { id: 34, approver: { id: 1, name: '王建国' }, status: 'waiting', reason: null, actedAt: null },
      ],
    },
  ],
  timeline: [
    {
      action: 'submit',
      step: null,
      actor: { id: 4, name: '张伟' },
      reason: null,
      targets: [],
      at: '2026-12-06T02:00:00.000Z',
    },
  ],
  myTaskId: 31,
};

/** The same run after 李娜 approved: finance's two wait, 1/3 done. */
export const afterLina: Approval = {
  ...pendingRun,
  step: '财务审批',
  currentStep: 1,
  steps: pendingRun.steps.map((s, i) =>
    i === 0
      ? { ...s, tasks: [{ ...s.tasks[0]!, status: 'approved', actedAt: '2026-12-06T03:00:00.000Z' }] }
      : i === 1
        ? { ...s, tasks: s.tasks.map((t) => ({ ...t, status: 'pending' as const })) }
        : s,
  ),
  timeline: [
    ...pendingRun.timeline,
    {
      action: 'approve',
      step: 0,
      actor: { id: 3, name: '李娜' },
      reason: null,
      targets: [],
      at: '2026-12-06T03:00:00.000Z',
    },
  ],
  myTaskId: null,
};
