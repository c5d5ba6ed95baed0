import { ruleActions, ruleObjects, ruleTriggers, taskStatuses } from '@kelian/orm';
import { z } from 'zod';
import { taskViews } from '../../domain/followups/list.js';
import { cursorParam } from '../customers/cursor.js';
import { idParam, pageLimit, recordId } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

const positiveId = (label: string) => z.object({ id: idParam(`${label}编号应为正整数`) });

export const taskId = positiveId('待办');
export const ruleId = positiveId('规则');

export const taskListQuery = z.object({
  view: z.enum(taskViews, { error: 'view 应为 today、open、overdue 或 done' }).default('today'),
  assignee: idParam('assignee 应为用户编号').optional().meta({ description: '主管查看下属的待办' }),
  limit: pageLimit(50),
  cursor: cursorParam(z.object({ at: z.iso.datetime(), id: z.int().positive() })).optional(),
});

export const taskCreate = z.strictObject(
  {
    title: z
      .string({ error: '标题应为文字' })
      .trim()
      .min(1, '请填写待办标题')
      .max(200, '标题不能超过 200 个字'),
    dueAt: z.iso
      .datetime({ offset: true, error: '截止时间应为 ISO 8601 时间，例如 2026-12-05T09:00:00+08:00' })
      .transform((v) => new Date(v)),
    customerId: recordId('客户编号应为正整数').optional(),
    note: z.string().trim().max(2000, '备注不能超过 2000 个字').optional(),
  },
  unknownKeys,
);

export const taskPostpone = z.strictObject(
  {
    days: z
      .int({ error: '推迟天数应为 1 到 30 的整数' })
      .min(1, '推迟天数应为 1 到 30 的整数')
      .max(30, '推迟天数应为 1 到 30 的整数')
      .default(1),
  },
  unknownKeys,
);

// The shape of a rule; what needs the rule as a whole (the event exists for the object, the date
// field is a date, a task rule has a title) is checked by the domain, for a patch on the merged rule.
const eventName = z
  .string({ error: 'event 应为文字' })
  .regex(/^[a-z_]{1,50}$/, 'event 应为事件名，例如 created、first_follow_up、claimed、won');

const dateField = z
  .string({ error: 'dateField 应为文字' })
  .regex(
    /^(expectedCloseDate|customFields\.[\p{L}\p{N}_-]{1,50})$/u,
    'dateField 应为 expectedCloseDate 或 customFields.<日期型自定义字段>，例如 customFields.合同到期日',
  );

const taskTitle = z
  .string({ error: '待办标题应为文字' })
  .trim()
  .min(1, '待办标题不能为空')
  .max(200, '待办标题不能超过 200 个字');

const ruleFields = {
  name: z
    .string({ error: '规则名称应为文字' })
    .trim()
    .min(1, '请填写规则名称')
    .max(100, '规则名称不能超过 100 个字'),
  enabled: z.boolean({ error: 'enabled 应为 true 或 false' }).default(true),
  object: z.enum(ruleObjects, { error: 'object 应为 customer（客户）、lead（线索）或 opportunity（商机）' }),
  trigger: z.enum(ruleTriggers, {
    error: 'trigger 应为 event（事件后）、date（日期字段前后）或 inactivity（未跟进）',
  }),
  event: eventName.nullable().default(null).meta({
    description:
      'trigger 为 event 时必填：customer 的 created / first_follow_up，lead 的 created / claimed，opportunity 的 created / won',
  }),
  dateField: dateField
    .nullable()
    .default(null)
    .meta({ description: 'trigger 为 date 时必填；合同、回款尚无专门的表，以日期型自定义字段代替' }),
  offsetDays: z
    .int({ error: '天数应为整数（负数表示之前）' })
    .min(-365, '天数应在 -365 到 365 之间')
    .max(365, '天数应在 -365 到 365 之间')
    .meta({ description: '事件或日期之后的天数（负数：之前）；inactivity 时为未跟进的天数' }),
  action: z.enum(ruleActions, { error: 'action 应为 task（创建待办）或 pool（退回公海）' }),
  taskTitle: taskTitle.nullable().default(null),
};

export const ruleCreate = z.strictObject(ruleFields, unknownKeys);

export const rulePatch = z.strictObject(
  {
    name: ruleFields.name.optional(),
    enabled: z.boolean({ error: 'enabled 应为 true 或 false' }).optional(),
    object: ruleFields.object.optional(),
    trigger: ruleFields.trigger.optional(),
    event: eventName.nullable().optional(),
    dateField: dateField.nullable().optional(),
    offsetDays: ruleFields.offsetDays.optional(),
    action: ruleFields.action.optional(),
    taskTitle: taskTitle.nullable().optional(),
  },
  unknownKeys,
);

export const taskJson = z.object({
  id: z.int(),
  title: z.string(),
  note: z.string().nullable(),
  dueAt: timestamp,
  status: z.enum(taskStatuses),
  doneAt: timestamp.nullable(),
  postponements: z.int(),
  customer: z.object({ id: z.int(), name: z.string() }).nullable(),
  lead: z.object({ id: z.int(), company: z.string() }).nullable(),
  opportunity: z.object({ id: z.int(), name: z.string() }).nullable(),
  assignee: person,
  rule: z.object({ id: z.int(), name: z.string() }).nullable(),
});

export const taskPage = z.object({ items: z.array(taskJson), nextCursor: z.string().nullable() });

export const ruleJson = z.object({
  id: z.int(),
  name: z.string(),
  enabled: z.boolean(),
  object: z.enum(ruleObjects),
  trigger: z.enum(ruleTriggers),
  event: z.string().nullable(),
  dateField: z.string().nullable(),
  offsetDays: z.int(),
  action: z.enum(ruleActions),
  taskTitle: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
