import {
  approvalActions,
  approvalModes,
  approvalStatuses,
  approvalTaskStatuses,
  conditionOps,
  noApproverRules,
} from '@kelian/orm';
import { z } from 'zod';
import { approvalBoxes } from '../../domain/approvals/list.js';
import { cursorParam } from '../customers/cursor.js';
import { idParam, maxId, pageLimit, recordId } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

export const approvalId = z.object({ id: idParam('审批编号应为正整数') });
export const docTypeParam = z.object({
  docType: z.string().trim().min(1).max(50).meta({ description: '单据类型，如 contract' }),
});

export const boxQuery = z.object({
  box: z.enum(approvalBoxes, { error: 'box 应为 pending、mine、cc 或 done' }).default('pending'),
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive().max(maxId) })).optional(),
});

const reason = z.string({ error: '理由应为文字' }).trim().max(500, '理由不能超过 500 个字');
const taskId = recordId('任务编号应为正整数')
  .optional()
  .meta({ description: '审批人看到的任务（卡片、页面）' });

export const approveBody = z.strictObject({ reason: reason.optional(), taskId }, unknownKeys).default({});
export const rejectBody = z.strictObject({ reason: reason.optional(), taskId }, unknownKeys).default({});
export const transferBody = z.strictObject({ toUserId: recordId('转交对象应为用户编号') }, unknownKeys);

// A flow as the administrator's editor sends it.
const nodeId = z.string().trim().min(1).max(50);
const nodeName = z.string().trim().min(1, '请为节点命名').max(50, '节点名称不能超过 50 个字');
const next = nodeId.nullable();
const approverSource = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('user'),
    userIds: z.array(recordId('审批人应为用户编号')).min(1).max(100),
  }),
  z.strictObject({ type: z.literal('role'), role: z.string().trim().min(1).max(50) }),
  z.strictObject({ type: z.literal('manager'), level: z.int().min(1).max(10) }),
  z.strictObject({ type: z.literal('manager_chain'), upTo: z.int().min(1).max(10) }),
  z.strictObject({ type: z.literal('department_head') }),
  z.strictObject({ type: z.literal('submitter_pick') }),
  z.strictObject({ type: z.literal('field'), field: z.string().trim().min(1).max(50) }),
]);
const condition = z.strictObject({
  field: z.string().trim().min(1).max(50),
  op: z.enum(conditionOps),
  value: z.array(z.union([z.string().max(200), z.number()])).max(100),
});
const fieldActions = z
  .array(
    z.strictObject({
      set: z.string().trim().min(1).max(50).meta({ description: '要设置的字段（见流程列表的 settable）' }),
      value: z.union([z.string().max(500), z.number(), z.null()]).optional(),
      from: z.string().trim().min(1).max(50).optional().meta({ description: '取单据这个字段的值' }),
    }),
  )
  .max(20)
  .optional();
const flowNode = z.discriminatedUnion('kind', [
  z.strictObject({
    id: nodeId,
    kind: z.literal('approve'),
    name: nodeName,
    approvers: approverSource,
    mode: z.enum(approvalModes),
    next,
    onApprove: fieldActions.meta({ description: '这一步同意后设置的字段（审批后操作）' }),
  }),
  z.strictObject({ id: nodeId, kind: z.literal('cc'), name: nodeName, approvers: approverSource, next }),
  z.strictObject({
    id: nodeId,
    kind: z.literal('condition'),
    name: nodeName,
    branches: z
      .array(z.strictObject({ name: nodeName, when: z.array(condition).max(20), next }))
      .min(1)
      .max(20),
    otherwise: next,
  }),
]);
export const flowDefinition = z.strictObject({
  start: next,
  nodes: z.array(flowNode).max(200),
  rejectReasons: z
    .array(z.string().trim().min(2, '驳回理由至少 2 个字').max(16, '驳回理由不能超过 16 个字'))
    .max(9, '预设驳回理由最多 9 条')
    .optional()
    .meta({ description: '卡片上可选的预设驳回理由（企业微信卡片不能输入文字）；不填则用默认理由' }),
  onApproved: fieldActions.meta({ description: '审批通过后设置的字段（审批后操作）' }),
});

export const flowBody = z.strictObject(
  {
    name: z.string().trim().min(1, '请填写流程名称').max(100, '流程名称不能超过 100 个字'),
    definition: flowDefinition,
    onNoApprover: z.enum(noApproverRules).default('auto_pass'),
    // Whole hours from 1 to 720, the escalation after the reminder: checked in the domain
    // (validateTimers), so that each mistake has its own code.
    remindAfterHours: z
      .number({ error: '催办时间应为小时数' })
      .default(24)
      .meta({ description: '任务等待多少小时后催办审批人（默认 24）' }),
    escalateAfterHours: z
      .number({ error: '超时转交时间应为小时数或 null' })
      .nullable()
      .default(48)
      .meta({ description: '任务等待多少小时后转交给审批人的上级（默认 48；null 为不转交）' }),
  },
  unknownKeys,
);

export const previewBody = z.strictObject(
  {
    values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    submitterId: recordId('发起人应为用户编号'),
    flow: flowBody.omit({ name: true }).optional().meta({ description: '未保存的流程；不填则用当前版本' }),
  },
  unknownKeys,
);

const routeStep = z.object({
  nodeId: z.string(),
  name: z.string(),
  kind: z.enum(['approve', 'cc']),
  mode: z.enum(approvalModes),
  approvers: z.array(person),
  fallback: z.enum(noApproverRules).optional(),
});

export const preview = z.object({ steps: z.array(routeStep) });
export const validated = z.object({ ok: z.literal(true) });

export const flowJson = z.object({
  id: z.int(),
  docType: z.string(),
  version: z.int(),
  name: z.string(),
  definition: flowDefinition,
  onNoApprover: z.enum(noApproverRules),
  remindAfterHours: z.int(),
  escalateAfterHours: z.int().nullable(),
  createdAt: timestamp,
});

export const flowList = z.object({
  items: z.array(
    z.object({
      docType: z.string(),
      label: z.string(),
      fields: z.array(z.object({ field: z.string(), label: z.string(), kind: z.string() })),
      settable: z
        .array(z.object({ field: z.string(), label: z.string(), kind: z.string() }))
        .meta({ description: '审批后操作可以设置的字段' }),
      flow: flowJson.nullable(),
    }),
  ),
});

export const boxItem = z.object({
  id: z.int().meta({ description: '审批编号' }),
  taskId: z.int().nullable(),
  docType: z.string(),
  docId: z.int(),
  title: z.string(),
  status: z.enum(approvalStatuses),
  step: z.string().nullable().meta({ description: '当前等待的步骤' }),
  submitter: person,
  createdAt: timestamp,
});
export const boxPage = z.object({ items: z.array(boxItem), nextCursor: z.string().nullable() });

export const approvalDetail = boxItem.omit({ taskId: true }).extend({
  flow: z.object({ id: z.int(), name: z.string(), version: z.int() }),
  document: z.record(z.string(), z.unknown()),
  figures: z
    .object({
      title: z.string(),
      emphasis: z.object({ label: z.string(), value: z.string() }).optional(),
      rows: z.array(z.object({ label: z.string(), value: z.string() })),
    })
    .meta({ description: '审批卡片上的单据要点（各类单据自己的行）' }),
  decidedAt: timestamp.nullable(),
  currentStep: z.int(),
  steps: z.array(
    routeStep.omit({ approvers: true }).extend({
      tasks: z.array(
        z.object({
          id: z.int(),
          approver: person,
          status: z.enum(approvalTaskStatuses),
          reason: z.string().nullable(),
          actedAt: timestamp.nullable(),
        }),
      ),
    }),
  ),
  timeline: z.array(
    z.object({
      action: z.enum(approvalActions),
      step: z.int().nullable(),
      actor: person.nullable(),
      reason: z.string().nullable(),
      targets: z.array(z.int()),
      at: timestamp,
    }),
  ),
  myTaskId: z.int().nullable().meta({ description: '我在当前步骤待处理的任务（有则可同意、驳回、转交）' }),
});
