import { leadStatuses } from '@kelian/orm';
import { z } from 'zod';
import { person, timestamp } from '../openapi/common.js';

// The answers of /api/leads, for the OpenAPI document; tests check real answers against them.

export const leadJson = z.object({
  id: z.int(),
  company: z.string(),
  contactName: z.string().nullable(),
  mobile: z.string().nullable().meta({ description: '未认领或无权查看时脱敏，形如 138****1234' }),
  email: z.string().nullable(),
  region: z.string().nullable(),
  source: z.string().nullable(),
  industry: z.string().nullable(),
  note: z.string().nullable(),
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
  duplicate: z.boolean().meta({ description: 'true：同一 externalId 已登记过，未重复创建' }),
  routedTo: z.string().nullable().meta({ description: '分配到的团队；null：进入公海' }),
});
