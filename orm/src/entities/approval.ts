import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CustomerSchema } from './customer.js';
import { OpportunitySchema } from './opportunity.js';
import { UserSchema } from './user.js';

// Approval flows, their runs and each person's part in a run (issue 14; Wukong's examine model).
// A flow is versioned: editing one writes a new version, and a run keeps the version it started
// with. A run stores its resolved route (which steps, who approves each) so that later changes to
// the org or the flow never move a running approval.

export const approvalModes = ['sequential', 'all', 'any'] as const;
/** sequential: one after another; all: 会签, everyone; any: 或签, the first decides. */
export type ApprovalMode = (typeof approvalModes)[number];

export const noApproverRules = ['auto_pass', 'admin'] as const;
/** When a step finds nobody (or no branch matches): pass it, or hand it to the administrators. */
export type NoApproverRule = (typeof noApproverRules)[number];

export const conditionOps = [
  'eq',
  'ne',
  'gt',
  'lt',
  'gte',
  'lte',
  'between',
  'contains',
  'in_department',
  'in_role',
] as const;
export type ConditionOp = (typeof conditionOps)[number];

/** One rule on a field of the document; `value` holds one value, two for `between`, any for `in_*`. */
export interface FlowCondition {
  field: string;
  op: ConditionOp;
  value: (string | number)[];
}

export type ApproverSource =
  | { type: 'user'; userIds: number[] }
  | { type: 'role'; role: string }
  /** The submitter's manager `level` levels up (1: their own manager). */
  | { type: 'manager'; level: number }
  /** Every manager from the submitter's own up to `upTo` levels, one after another. */
  | { type: 'manager_chain'; upTo: number }
  | { type: 'department_head' }
  /** Chosen by the submitter when submitting. */
  | { type: 'submitter_pick' }
  /** A user field of the document (its owner, a named signer). */
  | { type: 'field'; field: string };

/**
 * A post-approval action (Cordys' 审批后操作): when its step approves, or the run is approved for the
 * flow's own, the field `set` (one the document type lets flows set) takes `value`, or the value the
 * document's field `from` holds; in the deciding transaction.
 */
export interface FieldAction {
  set: string;
  value?: string | number | null;
  from?: string;
}

export type FlowNode =
  | {
      id: string;
      kind: 'approve';
      name: string;
      approvers: ApproverSource;
      mode: ApprovalMode;
      next: string | null;
      onApprove?: FieldAction[];
    }
  | { id: string; kind: 'cc'; name: string; approvers: ApproverSource; next: string | null }
  | {
      id: string;
      kind: 'condition';
      name: string;
      /** The first branch whose conditions all hold is taken; else `otherwise`. */
      branches: { name: string; when: FlowCondition[]; next: string | null }[];
      otherwise: string | null;
    };

export interface FlowDefinition {
  start: string | null;
  nodes: FlowNode[];
  /** The reasons a WeCom approval card offers for 驳回 (its cards take no free text); defaults apply when absent. */
  rejectReasons?: string[];
  /** Post-approval actions of the run's approval (after every step's own). */
  onApproved?: FieldAction[];
}

export const ApprovalFlowSchema = defineEntity({
  name: 'ApprovalFlow',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** The document type it approves: `contract` (domain/approvals/document-types.ts). */
    docType: p.string().length(50),
    version: p.integer(),
    name: p.string().length(100),
    definition: p.json<FlowDefinition>().columnType('jsonb'),
    onNoApprover: p.enum(noApproverRules).default('auto_pass'),
    /** A task pending this long is reminded (催办) once, in its approver's direct chat. */
    remindAfterHours: p.integer().default(24),
    /** A task pending this long is handed to its approver's manager once; null: never. */
    escalateAfterHours: p.integer().nullable().default(48),
    createdBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['docType', 'version'] }],
});

export type ApprovalFlow = InferEntity<typeof ApprovalFlowSchema>;

export const approvalStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** A step of a run's route, as resolved at submission. */
export interface RouteStep {
  nodeId: string;
  name: string;
  kind: 'approve' | 'cc';
  mode: ApprovalMode;
  approverIds: number[];
  /** Nobody was found: the step passes by itself (the flow's rule), or went to the administrators. */
  fallback?: NoApproverRule;
}

export const ApprovalInstanceSchema = defineEntity({
  name: 'ApprovalInstance',
  properties: {
    id: p.integer().primary().autoincrement(),
    flow: p.manyToOne(ApprovalFlowSchema),
    docType: p.string().length(50),
    docId: p.integer(),
    /** The customer the document is about, when it is about one: the run is on their timeline. */
    customer: p.manyToOne(CustomerSchema).nullable().deleteRule('set null'),
    /** The deal the document is about, when it is about one: its group gets a copy of the card. */
    opportunity: p.manyToOne(OpportunitySchema).nullable().deleteRule('set null'),
    /** What the lists show without loading the document: "合同 HT-001 · 某公司 · ¥600,000.00". */
    title: p.string().length(300),
    submitter: p.manyToOne(UserSchema),
    status: p.enum(approvalStatuses).default('pending'),
    /** The document's fields as submitted: what the approvers decide on. */
    snapshot: p.json<Record<string, unknown>>().columnType('jsonb'),
    route: p.json<RouteStep[]>().columnType('jsonb'),
    /** Index into `route` of the step waiting for decisions. */
    currentStep: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    decidedAt: p.datetime().nullable(),
  },
  indexes: [
    { properties: ['docType', 'docId'] },
    { properties: ['submitter', 'id'] },
    { properties: ['customer'] },
  ],
});

export type ApprovalInstance = InferEntity<typeof ApprovalInstanceSchema>;

/**
 * waiting: a later approver of a sequential step; pending: theirs to decide; approved / rejected:
 * decided; skipped: an any-of sibling decided first; transferred: handed to a colleague (转交);
 * cancelled: the run ended (withdrawn, rejected) before they decided; notified: a CC.
 */
export const approvalTaskStatuses = [
  'waiting',
  'pending',
  'approved',
  'rejected',
  'skipped',
  'transferred',
  'cancelled',
  'notified',
] as const;
export type ApprovalTaskStatus = (typeof approvalTaskStatuses)[number];

export const ApprovalTaskSchema = defineEntity({
  name: 'ApprovalTask',
  properties: {
    id: p.integer().primary().autoincrement(),
    instance: p.manyToOne(ApprovalInstanceSchema).deleteRule('cascade'),
    step: p.integer(),
    /** Order inside a sequential step. */
    position: p.integer().default(0),
    approver: p.manyToOne(UserSchema),
    status: p.enum(approvalTaskStatuses),
    reason: p.string().length(500).nullable(),
    /** Who decided the step when this task was skipped, or who took it over when transferred. */
    byUserId: p.integer().nullable(),
    actedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  // A person's boxes (待我审批, 抄送我, 已处理) are keyset pages of their tasks by status and id.
  indexes: [{ properties: ['approver', 'status', 'id'] }, { properties: ['instance', 'step'] }],
});

export type ApprovalTask = InferEntity<typeof ApprovalTaskSchema>;

export const approvalActions = [
  'submit',
  'approve',
  'reject',
  'withdraw',
  'transfer',
  'auto_pass',
  'cc',
  /** 催办: the approvers were reminded, by the submitter (actor) or by the timer (no actor). */
  'remind',
] as const;
export type ApprovalActionKind = (typeof approvalActions)[number];

// The run's timeline, append-only: who did what, when, with which reason.
export const ApprovalActionSchema = defineEntity({
  name: 'ApprovalAction',
  properties: {
    id: p.integer().primary().autoincrement(),
    instance: p.manyToOne(ApprovalInstanceSchema).deleteRule('cascade'),
    step: p.integer().nullable(),
    actor: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    action: p.enum(approvalActions),
    reason: p.string().length(500).nullable(),
    /** The colleague a task was handed to, the CC'd people. */
    targetUserIds: p.json<number[]>().columnType('jsonb').default('[]'),
    at: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['instance', 'id'] }],
});

export type ApprovalAction = InferEntity<typeof ApprovalActionSchema>;
