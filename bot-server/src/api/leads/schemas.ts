import { leadStatuses } from '@kelian/orm';
import { z } from 'zod';
import { mobilePattern } from '../../domain/customers/validation.js';
import { leadViews } from '../../domain/leads/list.js';
import { cursorParam } from '../customers/cursor.js';
import { idParam, pageLimit } from '../customers/schemas.js';

// The requests of /api/leads; the same schemas validate and describe them (OpenAPI).

export const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`);

const fields = {
  company: z
    .string({ error: '公司名称应为文字' })
    .trim()
    .min(2, '公司名称需要 2 到 200 个字')
    .max(200, '公司名称需要 2 到 200 个字'),
  contactName: text('联系人', 100).optional(),
  mobile: z
    .string({ error: '手机号应为文字' })
    .trim()
    .regex(mobilePattern, '手机号格式不正确，应为 11 位数字，例如 13812345678')
    .optional(),
  email: z.email('邮箱格式不正确').max(200).optional(),
  region: text('地区', 50).optional(),
  source: text('来源', 50).optional(),
  industry: text('行业', 50).optional(),
  note: text('备注', 2000).optional(),
};

export const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

export const leadCreate = z.strictObject(fields, unknownKeys);

export const leadInbound = z.strictObject(
  {
    ...fields,
    externalId: z
      .string({ error: 'externalId 应为文字' })
      .trim()
      .min(1)
      .max(100, 'externalId 不能超过 100 个字')
      .optional()
      .meta({ description: '表单系统自己的编号：同一编号重复推送只登记一次' }),
  },
  unknownKeys,
);

export const leadPatch = z.strictObject({ ...fields, company: fields.company.optional() }, unknownKeys);

export const leadInvalid = z.strictObject({ reason: text('原因', 200) }, unknownKeys);

/** An id in the path (`/leads/:id`), for the object named by `label`. */
export const pathId = (label: string) => z.object({ id: idParam(`${label}编号应为正整数`) });

export const leadId = pathId('线索');

export const leadListQuery = z.object({
  view: z.enum(leadViews, { error: 'view 应为 mine、pool、team 或 all' }).default('mine'),
  q: z.string().trim().max(100, '搜索词不能超过 100 个字').optional(),
  status: z.enum(leadStatuses, { error: '状态不正确' }).optional(),
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive() })).optional(),
});
