import { applicationFieldKinds, applicationStatuses } from '@kelian/orm';
import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, maxId, pageLimit, recordId, unknownKeys } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

export const applicationStatusLabels = {
  draft: '草稿',
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
} as const;

export const typeIdParam = z.object({ id: idParam('申请类型编号应为正整数') });
export const applicationIdParam = z.object({ id: idParam('申请编号应为正整数') });

const field = z.strictObject(
  {
    key: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9_]{0,29}$/, '字段标识应以小写字母开头，只含字母、数字和下划线，最长 30 个字符')
      .meta({ description: '条件和审批后操作引用的标识' }),
    label: z.string().trim().min(1, '请填写字段名称').max(30, '字段名称不能超过 30 个字'),
    kind: z.enum(applicationFieldKinds, {
      error: '字段类型应为 text、number、amount、date、user、customer、opportunity 或 choice',
    }),
    required: z.boolean().default(false),
    options: z
      .array(z.string().trim().min(1, '选项不能为空').max(30, '选项不能超过 30 个字'))
      .max(30, '选项最多 30 个')
      .optional()
      .meta({ description: 'choice 字段的选项' }),
  },
  unknownKeys,
);

export const typeBody = z.strictObject(
  {
    name: z.string().trim().min(1, '请填写申请类型名称').max(50, '名称不能超过 50 个字'),
    icon: z.string().trim().max(8, '图标不能超过 8 个字符').nullable().default(null),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, '颜色应为 #rrggbb')
      .nullable()
      .default(null),
    fields: z.array(field).min(1, '至少需要一个字段').max(30, '字段最多 30 个'),
    active: z.boolean().default(true),
  },
  unknownKeys,
);

export const typeJson = z.object({
  id: z.int(),
  docType: z.string().meta({ description: '审批流程的单据类型（application:<id>）' }),
  name: z.string(),
  icon: z.string().nullable(),
  color: z.string().nullable(),
  fields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(applicationFieldKinds),
      required: z.boolean(),
      options: z.array(z.string()).optional(),
    }),
  ),
  active: z.boolean(),
});
export const typeList = z.object({ items: z.array(typeJson) });

const values = z
  .record(z.string().max(50), z.unknown())
  .meta({ description: '字段值，按字段标识；金额以分计，成员、客户、商机填编号，日期 YYYY-MM-DD' });
const picks = z
  .record(z.string(), z.array(recordId('审批人应为用户编号')).max(20))
  .optional()
  .meta({ description: '发起人自选步骤的审批人，按节点' });

export const applyBody = z.strictObject(
  { typeId: recordId('申请类型编号应为正整数'), values, picks },
  unknownKeys,
);
export const resubmitBody = z.strictObject({ values, picks }, unknownKeys);

export const mineQuery = z.object({
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive().max(maxId) })).optional(),
});

export const applicationJson = z.object({
  id: z.int(),
  type: z.object({
    id: z.int(),
    name: z.string(),
    icon: z.string().nullable(),
    color: z.string().nullable(),
  }),
  applicant: person,
  customer: z.object({ id: z.int(), name: z.string() }).nullable(),
  values: z.record(z.string(), z.unknown()),
  rows: z
    .array(z.object({ key: z.string(), label: z.string(), value: z.string() }))
    .meta({ description: '字段按类型的顺序，值已格式化（¥、姓名、客户名）' }),
  status: z.enum(applicationStatuses),
  statusLabel: z.string(),
  approvalId: z.int().nullable().meta({ description: '最近一次审批：详情链接到审批页' }),
  decidedAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const applicationPage = z.object({
  items: z.array(applicationJson),
  nextCursor: z.string().nullable(),
});
export const applied = z.object({ application: applicationJson, approvalId: z.int() });
