import { customerKinds, followUpKinds } from '@kelian/orm';
import { z } from 'zod';
import { ruledFields } from '../../domain/access/fields.js';
import { customerSorts } from '../../domain/customers/list.js';
import { creditCodeProblem, mobilePattern } from '../../domain/customers/validation.js';
import { cursorParam } from './cursor.js';

// The requests of /api/customers. The same schemas validate the requests and describe them in the
// OpenAPI document, so the document cannot promise what the server refuses.

/** Unknown keys in a write are refused: a misspelt field must not be silently dropped. */
export const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`);

/** An optional text field: null or an empty string clears it. */
const optionalText = (label: string, max: number) =>
  text(label, max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const mobile = z
  .string({ error: '手机号应为文字' })
  .trim()
  .regex(mobilePattern, '手机号格式不正确，应为 11 位数字，例如 13812345678');

/** A landline ("010-62345678") or a mobile: customers' switchboards come in many spellings. */
const phone = z
  .string({ error: '电话应为文字' })
  .trim()
  .regex(/^\+?[\d\s()-]{5,32}$/, '电话号码格式不正确，例如 010-62345678 或 13812345678');

const creditCode = z
  .string({ error: '统一社会信用代码应为文字' })
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Ids are PostgreSQL `int`: a larger number is no id of ours, not a database error. */
export const maxId = 2_147_483_647;

/** A record id in a JSON body, refused with `message`. */
export const recordId = (message: string) => z.int({ error: message }).positive(message).max(maxId, message);

/** How an id is written in a path or query: decimal digits, no sign, no leading zero, no spaces. */
const decimalId = /^[1-9][0-9]{0,15}$/;

/**
 * A record id in a path (`/tags/:id`) or query string (`?owner=16`), refused with `message` (one
 * problem, never two). Only `16` means 16: `0x10`, `1e1`, ` 16`, `016`, `+16`, `16.0` are refused,
 * where Number() would have read each of them as an id. A safe positive integer is taken as it is.
 */
export const idParam = (message: string) =>
  z
    .union([z.string().regex(decimalId).transform(Number), z.int().positive()], { error: message })
    .pipe(recordId(message));

/** The `limit` query parameter of a paged list. */
export const pageLimit = (byDefault: number) =>
  z.coerce
    .number({ error: 'limit 应为 1 到 100 的整数' })
    .int('limit 应为 1 到 100 的整数')
    .min(1, 'limit 应为 1 到 100 的整数')
    .max(100, 'limit 应为 1 到 100 的整数')
    .default(byDefault);

const id = (label: string) => recordId(`${label}应为正整数编号`);

const customFieldKey = /^[\p{L}_][\p{L}\p{N}_]{0,49}$/u;
const keyMessage = '自定义字段名只能包含文字、数字和下划线，最长 50 个字';
const customFieldValue = z.union(
  [z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50)],
  { error: '自定义字段的值应为文字、数字、是否或文字列表' },
);

const customFields = <V extends z.ZodType>(value: V) =>
  z
    .record(z.string().regex(customFieldKey, keyMessage), value)
    .refine((fields) => Object.keys(fields).length <= 100, '自定义字段最多 100 个');

const contact = z.strictObject(
  {
    name: text('联系人姓名', 100).min(1, '请填写联系人姓名'),
    mobile: mobile.nullable().optional(),
    phone: phone.nullable().optional(),
    email: z.email('邮箱格式不正确').max(200, '邮箱过长').nullable().optional(),
    title: optionalText('职务', 100),
    wechat: optionalText('微信号', 100),
    primary: z.boolean({ error: 'primary 应为 true 或 false' }).optional(),
  },
  unknownKeys,
);

const customerFields = {
  kind: z.enum(customerKinds, { error: 'kind 只能是 company（公司）或 person（个人）' }),
  name: z
    .string({ error: '请填写客户名称' })
    .trim()
    .min(1, '请填写客户名称')
    .max(200, '客户名称不能超过 200 个字'),
  creditCode: creditCode.nullable().optional(),
  industry: optionalText('行业', 50),
  level: optionalText('等级', 20),
  region: optionalText('地区', 50),
  city: optionalText('城市', 50),
  address: optionalText('地址', 300),
  phone: phone.nullable().optional(),
  source: optionalText('来源', 50),
  tagIds: z.array(id('标签'), { error: 'tagIds 应为标签编号的列表' }).max(50, '标签最多 50 个').optional(),
};

export const customerCreate = z.strictObject(
  {
    ...customerFields,
    customFields: customFields(customFieldValue).optional(),
    contacts: z.array(contact, { error: 'contacts 应为联系人列表' }).max(20, '联系人最多 20 位').optional(),
    force: z.boolean({ error: 'force 应为 true 或 false' }).optional(),
  },
  unknownKeys,
);

export const customerPatch = z
  .strictObject(
    {
      ...customerFields,
      kind: customerFields.kind.optional(),
      name: customerFields.name.optional(),
      // null removes a custom field.
      customFields: customFields(customFieldValue.nullable()).optional(),
    },
    unknownKeys,
  )
  .refine((patch) => Object.keys(patch).length > 0, '请至少提供一个要修改的字段');

export const followUpCreate = z.strictObject(
  {
    kind: z.enum(followUpKinds, { error: 'kind 只能是 call、visit、wechat、email 或 meeting' }),
    content: text('跟进内容', 2000).min(1, '请填写跟进内容'),
    nextStep: optionalText('下一步', 500),
    nextAt: z.iso
      .datetime({ offset: true, error: '下次跟进时间应为带时区的 ISO 时间，例如 2026-12-01T09:00:00+08:00' })
      .transform((v) => new Date(v))
      .nullable()
      .optional(),
    occurredAt: z.iso
      .datetime({ offset: true, error: '跟进时间应为带时区的 ISO 时间，例如 2026-11-20T15:30:00+08:00' })
      .transform((v) => new Date(v))
      .refine((at) => at.getTime() <= Date.now() + 5 * 60_000, '跟进时间不能晚于现在')
      .optional(),
    contactId: id('联系人').nullable().optional(),
  },
  unknownKeys,
);

export const ownerChange = z.strictObject(
  {
    ownerId: recordId('ownerId 应为用户编号，或 null 表示退回公海').nullable(),
  },
  unknownKeys,
);

const revealableFields = [
  ...new Set([...Object.keys(ruledFields.customer), ...Object.keys(ruledFields.contact)]),
];

export const reveal = z.strictObject(
  {
    field: z.enum(revealableFields, { error: `field 应为以下字段之一：${revealableFields.join('、')}` }),
    contactId: id('联系人').optional(),
  },
  unknownKeys,
);

export const customerId = z.object({
  id: idParam('客户编号应为正整数'),
});

const listPosition = z.object({ sort: z.enum(customerSorts), value: z.string(), id: z.int().positive() });

/** The `q` of a list: a search text. */
export const searchText = z
  .string({ error: '搜索词应为文字' })
  .trim()
  .min(1, '搜索词不能为空')
  .max(100, '搜索词不能超过 100 个字');

export const customerListQuery = z
  .object({
    q: searchText.optional().meta({ description: '按名称搜索' }),
    owner: z
      .union(
        [
          z.enum(['me', 'pool']),
          z
            .string()
            .regex(/^[1-9]\d{0,8}$/)
            .transform(Number),
        ],
        {
          error: 'owner 只能是 me（我的）、pool（公海）或用户编号',
        },
      )
      .optional()
      .meta({ description: 'me：我负责的；pool：公海；或负责人的用户编号' }),
    tags: z
      .string({ error: 'tags 应为逗号分隔的标签编号，例如 3,8' })
      .regex(/^[1-9]\d{0,8}(,[1-9]\d{0,8})*$/, 'tags 应为逗号分隔的标签编号，例如 3,8')
      .transform((v) => v.split(',').map(Number))
      .optional()
      .meta({ description: '逗号分隔的标签编号：客户须带有其中每一个标签' }),
    stage: idParam('stage 应为商机阶段编号')
      .optional()
      .meta({ description: '商机阶段编号：有未结束的商机处于该阶段的客户' }),
    level: text('等级', 20).min(1, '等级不能为空').optional(),
    region: text('地区', 50).min(1, '地区不能为空').optional(),
    cf: z
      .string({ error: 'cf 应为 JSON 对象，例如 {"预算":"100万"}' })
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'cf 应为 JSON 对象，例如 {"预算":"100万"}' });
          return z.NEVER;
        }
      })
      .pipe(
        customFields(
          z.union([z.string(), z.number(), z.boolean()], { error: '自定义字段筛选值应为文字、数字或是否' }),
        ),
      )
      .optional()
      .meta({
        description:
          '自定义字段等值筛选，JSON 对象，例如 {"预算":"100万"}；也可逐个写成 cf.<字段名>=值（文字值），例如 cf.预算=100万',
      }),
    deleted: z
      .enum(['true', 'false'], { error: 'deleted 只能是 true 或 false' })
      .transform((v) => v === 'true')
      .optional()
      .meta({ description: 'true：回收站' }),
    sort: z.enum(customerSorts, { error: `sort 只能是 ${customerSorts.join('、')}` }).default('-updatedAt'),
    limit: pageLimit(20),
    cursor: cursorParam(listPosition).optional(),
  })
  .superRefine(cursorOfSort);

/** A cursor carries the sort it was made for: one of another sort would skip or repeat rows. */
export function cursorOfSort(
  query: { cursor?: { sort: string } | undefined; sort: string },
  ctx: z.RefinementCtx,
): void {
  if (query.cursor && query.cursor.sort !== query.sort)
    ctx.addIssue({
      code: 'custom',
      path: ['cursor'],
      message: '翻页游标与排序方式不一致，请从第一页重新开始',
    });
}

/**
 * The list's query with each `cf.<key>=value` parameter folded into the `cf` JSON object (over the
 * keys `cf` itself names), so both spellings are validated as one filter.
 */
export function foldCustomFieldParams(query: Record<string, unknown>): Record<string, unknown> {
  const { cf, ...rest } = query;
  const dotted = Object.entries(rest).filter(([key]) => key.startsWith('cf.'));
  if (dotted.length === 0) return query;
  let given: unknown = {};
  if (typeof cf === 'string') {
    try {
      given = JSON.parse(cf);
    } catch {
      // Left as it came: the schema reports the malformed JSON.
      return query;
    }
  }
  const others = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('cf.')));
  const fields = Object.fromEntries(dotted.map(([key, value]) => [key.slice(3), value]));
  return { ...others, cf: JSON.stringify({ ...(given as object), ...fields }) };
}

export type ListPositionCursor = z.output<typeof listPosition>;

const timelinePosition = z.object({
  at: z.iso.datetime().transform((v) => new Date(v)),
  source: z.string().max(40),
  rowId: z.int().positive(),
});

export const timelineQuery = z.object({
  limit: pageLimit(20),
  cursor: cursorParam(timelinePosition).optional(),
});
