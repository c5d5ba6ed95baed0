import { opportunityStatuses, stageOutcomes } from '@kelian/orm';
import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, maxId, pageLimit, recordId } from '../customers/schemas.js';
import { leadJson } from '../leads/responses.js';
import { person, timestamp } from '../openapi/common.js';

const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

export const opportunityId = z.object({ id: idParam('商机编号应为正整数') });
export const stageId = z.object({ id: idParam('阶段编号应为正整数') });

const name = z
  .string({ error: '商机名称应为文字' })
  .trim()
  .min(1, '请填写商机名称')
  .max(200, '商机名称不能超过 200 个字');
const amountCents = z
  .int({ error: '金额应为以分计的非负整数' })
  .min(0, '金额应为以分计的非负整数')
  .max(Number.MAX_SAFE_INTEGER, '金额太大');
const calendarDate = z.iso.date({ error: '日期应为 YYYY-MM-DD，例如 2026-12-31' });
const note = z.string({ error: '备注应为文字' }).trim().max(500, '备注不能超过 500 个字');

export const opportunityCreate = z.strictObject(
  {
    customerId: recordId('客户编号应为正整数'),
    name,
    amountCents: amountCents.optional(),
    expectedCloseDate: calendarDate.nullable().optional(),
    stageId: recordId('阶段编号应为正整数').optional(),
  },
  unknownKeys,
);

export const opportunityPatch = z.strictObject(
  {
    name: name.optional(),
    amountCents: amountCents.optional(),
    expectedCloseDate: calendarDate.nullable().optional(),
  },
  unknownKeys,
);

export const stageMove = z.strictObject(
  { stageId: recordId('阶段编号应为正整数'), note: note.optional() },
  unknownKeys,
);

export const wonBody = z.strictObject({ note: note.optional() }, unknownKeys).default({});

export const lostBody = z.strictObject(
  {
    reason: z
      .string({ error: '请填写输单原因' })
      .trim()
      .min(1, '请填写输单原因')
      .max(500, '输单原因不能超过 500 个字'),
  },
  unknownKeys,
);

export const opportunityListQuery = z.object({
  customerId: idParam('customerId 应为客户编号').optional(),
  owner: idParam('owner 应为用户编号').optional(),
  stage: idParam('stage 应为阶段编号').optional(),
  status: z.enum(opportunityStatuses, { error: 'status 应为 open、won 或 lost' }).optional(),
  q: z.string().trim().max(100, '搜索词不能超过 100 个字').optional(),
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive().max(maxId) })).optional(),
});

const stageName = z
  .string({ error: '阶段名称应为文字' })
  .trim()
  .min(1, '请填写阶段名称')
  .max(50, '阶段名称不能超过 50 个字');
const stageFields = {
  position: z.int({ error: '位置应为整数' }).min(0, '位置应为非负整数').max(1000, '位置不能超过 1000').meta({
    description: '同类阶段（进行中、赢单、输单）里的第几个，1 最前；其余依次后移。新建时不填：排在最后',
  }),
  probability: z
    .int({ error: '赢率应为 0 到 100 的整数' })
    .min(0, '赢率应为 0 到 100 的整数')
    .max(100, '赢率应为 0 到 100 的整数'),
  stalledAfterDays: z
    .int({ error: '停滞天数应为 1 到 365 的整数' })
    .min(1, '停滞天数应为 1 到 365 的整数')
    .max(365, '停滞天数应为 1 到 365 的整数')
    .nullable(),
  outcome: z.enum(stageOutcomes, { error: 'outcome 应为 open、won 或 lost' }),
  active: z.boolean({ error: 'active 应为 true 或 false' }),
  requiresApproval: z
    .boolean({ error: 'requiresApproval 应为 true 或 false' })
    .meta({ description: '阶段审批：商机进入此阶段需先通过「阶段审批」' }),
};

export const stageCreate = z.strictObject(
  {
    name: stageName,
    position: stageFields.position.optional(),
    probability: stageFields.probability.optional(),
    stalledAfterDays: stageFields.stalledAfterDays.optional(),
    outcome: stageFields.outcome.optional(),
    requiresApproval: stageFields.requiresApproval.optional(),
  },
  unknownKeys,
);

export const stagePatch = z.strictObject(
  {
    name: stageName.optional(),
    position: stageFields.position.optional(),
    probability: stageFields.probability.optional(),
    stalledAfterDays: stageFields.stalledAfterDays.optional(),
    active: stageFields.active.optional(),
    requiresApproval: stageFields.requiresApproval.optional(),
  },
  unknownKeys,
);

// Answers.

export const stageJson = z.object({
  id: z.int(),
  name: z.string(),
  position: z.int(),
  probability: z.int(),
  stalledAfterDays: z.int().nullable(),
  outcome: z.enum(stageOutcomes),
  requiresApproval: z.boolean().meta({ description: '进入此阶段需要阶段审批' }),
});

export const opportunityJson = z.object({
  id: z.int(),
  name: z.string().optional().meta({ description: '字段规则为隐藏时没有此字段' }),
  customer: z.object({ id: z.int(), name: z.string() }),
  owner: person.nullable(),
  stage: stageJson,
  amountCents: z
    .union([z.int(), z.string()])
    .optional()
    .meta({ description: '以分计；字段规则为打码时是文字，为隐藏时没有此字段' }),
  expectedCloseDate: z.string().nullable().optional(),
  status: z.enum(opportunityStatuses),
  lostReason: z.string().nullable(),
  closedAt: timestamp.nullable(),
  stageChangedAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  editable: z.boolean(),
});

export const opportunityDetail = opportunityJson.extend({
  history: z.array(
    z.object({
      from: stageJson.nullable(),
      to: stageJson,
      by: person.nullable(),
      at: timestamp,
      note: z.string().nullable(),
    }),
  ),
});

export const opportunityPage = z.object({
  items: z.array(opportunityJson),
  nextCursor: z.string().nullable(),
});
export const stageList = z.object({ items: z.array(stageJson) });

export const boardQuery = z.object({ owner: idParam('owner 应为用户编号').optional() });
export const boardColumnQuery = boardQuery.extend({
  cursor: cursorParam(
    z.object({ stageChangedAt: z.iso.datetime(), id: z.int().positive().max(maxId) }),
  ).optional(),
});
const gated = z
  .array(z.object({ opportunityId: z.int(), stage: z.string(), approvalId: z.int().nullable() }))
  .meta({ description: '这些商机中等待阶段审批的（待审批）与申请进入的阶段' });
/** A board column's next page (加载更多): its deals, and which of them wait for a 阶段审批. */
export const boardColumnPage = opportunityPage.extend({ gated });
export const board = z.object({
  gated,
  columns: z.array(
    z.object({
      stage: stageJson,
      count: z.int(),
      amountCents: z.int().optional(),
      items: z.array(opportunityJson),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: '该列的下一页（GET /opportunities/board/stages/{id}）' }),
    }),
  ),
});

export const leadId = z.object({ id: idParam('线索编号应为正整数') });

export const leadConvert = z
  .strictObject(
    {
      customerId: recordId('customerId 应为要合并进的客户编号').optional(),
      force: z
        .boolean({ error: 'force 应为 true 或 false' })
        .optional()
        .meta({ description: '疑似重复时仍新建客户（核对过不是同一家）' }),
      opportunity: opportunityPatch.optional(),
    },
    unknownKeys,
  )
  .default({});

export const leadConverted = z.object({ lead: leadJson, customerId: z.int(), opportunityId: z.int() });

const month = z
  .string({ error: 'month 应为 YYYY-MM，例如 2026-12' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month 应为 YYYY-MM，例如 2026-12');

export const monthQuery = z.object({ month: month.optional().meta({ description: '默认本月（显示时区）' }) });

export const targetPut = z
  .strictObject(
    {
      month,
      userId: recordId('userId 应为用户编号').optional(),
      departmentId: recordId('departmentId 应为部门编号').optional(),
      amountCents: z
        .int({ error: '目标金额应为数字（以分计的整数）' })
        .min(0, '目标金额不能为负数')
        .max(Number.MAX_SAFE_INTEGER, '目标金额太大'),
    },
    unknownKeys,
  )
  .refine((t) => (t.userId === undefined) !== (t.departmentId === undefined), {
    message: '请在 userId 和 departmentId 中给出且只给出一个',
    path: ['userId'],
  });

export const targetJson = z.object({
  id: z.int(),
  user: person.nullable(),
  department: z.object({ id: z.int(), name: z.string() }).nullable(),
  month: z.string(),
  amountCents: z.int(),
  achievedCents: z.int(),
});

export const targetList = z.object({ items: z.array(targetJson) });

const sheetCell = {
  amountCents: z.int().nullable().meta({ description: '本月目标（分）；null：尚未设置' }),
  achievedCents: z.int().meta({ description: '本月赢单金额（分）' }),
};

export const targetSheet = z.object({
  month: z.string(),
  teams: z.array(
    z.object({
      department: z
        .object({ id: z.int(), name: z.string() })
        .nullable()
        .meta({ description: 'null：不属于所列部门的人' }),
      depth: z.int().meta({ description: '在所列部门中的层级，0 最上层' }),
      ...sheetCell,
      members: z.array(z.object({ user: person.extend({ title: z.string().nullable() }), ...sheetCell })),
    }),
  ),
});

const monthFigures = z.object({
  newCustomers: z.int(),
  followUps: z.int(),
  wonCents: z.int(),
  targetCents: z.int().nullable(),
  openDeals: z.int(),
  openAmountCents: z.int(),
});

export const figures = monthFigures.extend({
  month: z.string(),
  team: monthFigures
    .extend({ department: z.object({ id: z.int(), name: z.string() }) })
    .nullable()
    .meta({ description: '主管所在团队（含下级部门）的本月数字；不带团队的人为 null' }),
});
