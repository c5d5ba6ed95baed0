import { customerKinds, followUpKinds } from '@kelian/orm';
import { z } from 'zod';
import { person, problemSchema, timestamp } from '../openapi/common.js';

// The answers of /api/customers, for the OpenAPI document; the tests check real answers against
// them. Every field a field rule can hide is optional: hidden means absent.

const fieldAccess = z
  .object({ editable: z.array(z.string()), revealable: z.array(z.string()) })
  .meta({ description: '当前用户可修改的字段，以及可申请查看原值（已脱敏）的字段' });

const text = z.string().nullable().optional();

const tag = z.object({
  id: z.int(),
  name: z.string(),
  color: z.string().nullable(),
  group: z.object({ id: z.int(), name: z.string() }),
});

export const customerSummary = z.object({
  id: z.int(),
  kind: z.enum(customerKinds).optional(),
  name: z.string().optional(),
  creditCode: text,
  industry: text,
  level: text,
  region: text,
  city: text,
  address: text,
  phone: text.meta({ description: '脱敏时形如 010****5678' }),
  source: text,
  owner: person.nullable().optional().meta({ description: 'null：在公海' }),
  collaborators: z.array(person).optional(),
  tags: z.array(tag).optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
  lastFollowUpAt: timestamp.nullable().optional(),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
  deletedAt: timestamp.nullable().optional(),
  fieldAccess,
});

const contact = z.object({
  id: z.int(),
  name: z.string().optional(),
  mobile: text.meta({ description: '脱敏时形如 138****1234' }),
  phone: text,
  email: text,
  title: text,
  wechat: text,
  primary: z.boolean().optional(),
  fieldAccess,
});

export const followUp = z.object({
  type: z.literal('followUp'),
  id: z.int(),
  kind: z.enum(followUpKinds).optional(),
  content: z.string().optional(),
  nextStep: text,
  nextAt: timestamp.nullable().optional(),
  occurredAt: timestamp.optional(),
  author: person.nullable().optional(),
  contact: person.nullable().optional(),
  fieldAccess,
});

export const customerView = customerSummary.extend({
  contacts: z.array(contact),
  timeline: z.array(followUp).meta({ description: '时间线，最新的在前' }),
  timelineHasMore: z.boolean(),
});

export const customerPage = z.object({
  items: z.array(
    customerSummary.extend({
      matchedBy: z.string().optional().meta({
        description:
          '按 q 查找时命中的原因，例如「联系人 赵文博」「拼音 星河」；客户名称本身含有关键词时没有',
      }),
    }),
  ),
  nextCursor: z.string().nullable().meta({ description: '下一页的游标；null 表示已是最后一页' }),
});

export const duplicateProblem = problemSchema.extend({
  duplicates: z.array(
    z.object({
      id: z.int(),
      kind: z.enum(customerKinds).optional(),
      name: z.string().optional(),
      owner: person.nullable().optional(),
      matchedOn: z.array(z.enum(['name', 'creditCode', 'mobile'])),
    }),
  ),
  hiddenCount: z.int().meta({ description: '你无权查看的重复客户数量' }),
});

export const revealed = z.object({
  field: z.string(),
  contactId: z.int().optional(),
  value: z.unknown().meta({ description: '字段的原值' }),
});
