import { leadStatuses } from '@kelian/orm';
import { z } from 'zod';
import { person, timestamp } from '../openapi/common.js';

// The answers of /api/leads, for the OpenAPI document; tests check real answers against them.

// A field the viewer's field rules hide is absent from the answer (optional below).
export const leadJson = z.object({
  id: z.int(),
  company: z.string().optional(),
  contactName: z.string().nullable().optional(),
  mobile: z.string().nullable().optional().meta({
    description: '未认领、无权查看或字段规则为脱敏时形如 138****1234；字段规则为隐藏时不出现',
  }),
  email: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  industry: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
  status: z.enum(leadStatuses),
  team: z.object({ id: z.int(), name: z.string() }).nullable().meta({ description: 'null：在公海' }),
  owner: person.nullable(),
  claimedAt: timestamp.nullable(),
  lastActivityAt: timestamp,
  createdAt: timestamp,
  customerId: z.int().nullable(),
  claimable: z.boolean(),
});

export const leadPage = z.object({ items: z.array(leadJson), nextCursor: z.string().nullable() });

export const inboundAnswer = z.object({
  id: z.int(),
  duplicate: z
    .boolean()
    .meta({ description: 'true：同一 externalId，或同一公司与手机号已登记过（id 为已有线索），未重复创建' }),
  routedTo: z.string().nullable().meta({ description: '分配到的团队；null：进入公海' }),
});
