import { approvalStatuses, quoteStatuses } from '@kelian/orm';
import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, maxId, pageLimit, recordId, unknownKeys } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

export const quoteId = z.object({ id: idParam('报价编号应为正整数') });

const title = z
  .string({ error: '报价名称应为文字' })
  .trim()
  .min(1, '请填写报价名称')
  .max(200, '报价名称不能超过 200 个字');
const calendarDate = z.iso.date({ error: '日期应为 YYYY-MM-DD，例如 2026-12-31' });

// Numbers pass here as numbers: the domain refuses a fractional or negative quantity or price, and
// a discount outside 0–100 %, with its own code naming the line, whichever door it came through.
const line = z.strictObject(
  {
    productId: recordId('产品编号应为正整数'),
    quantity: z.number({ error: '数量应为数字' }).meta({ description: '数量，正整数' }),
    unitPriceCents: z
      .number({ error: '单价应为数字（单位：分）' })
      .optional()
      .meta({ description: '单价（分）；不填为产品标准价' }),
    discountPercent: z
      .number({ error: '折扣应为数字（%）' })
      .optional()
      .meta({ description: '折扣百分比 0–100，最多两位小数；9.5 表示优惠 9.5%' }),
  },
  unknownKeys,
);
const lines = z.array(line, { error: '明细应为数组' }).max(200, '一份报价最多 200 行');

export const quoteCreate = z.strictObject(
  {
    customerId: recordId('客户编号应为正整数'),
    opportunityId: recordId('商机编号应为正整数').nullable().optional(),
    title,
    validUntil: calendarDate,
    lines,
  },
  unknownKeys,
);

export const quotePatch = z.strictObject(
  {
    opportunityId: recordId('商机编号应为正整数').nullable().optional(),
    title: title.optional(),
    validUntil: calendarDate.optional(),
    lines: lines.optional(),
  },
  unknownKeys,
);

export const quoteToContractBody = z.strictObject(
  {
    number: z
      .string({ error: '合同编号应为文字' })
      .trim()
      .min(1, '请填写合同编号')
      .max(50, '合同编号不能超过 50 个字'),
    name: z
      .string({ error: '合同名称应为文字' })
      .trim()
      .min(1, '请填写合同名称')
      .max(200, '合同名称不能超过 200 个字')
      .optional(),
    startDate: calendarDate,
    endDate: calendarDate,
    signedDate: calendarDate.nullable().optional(),
  },
  unknownKeys,
);

export const quoteListQuery = z.object({
  customerId: idParam('customerId 应为客户编号').optional(),
  status: z.enum(quoteStatuses, { error: `status 应为 ${quoteStatuses.join('、')} 之一` }).optional(),
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive().max(maxId) })).optional(),
});

export const lastPricesQuery = z.object({
  customerId: idParam('customerId 应为客户编号'),
  productIds: z
    .string({ error: 'productIds 应为以逗号分隔的产品编号' })
    .regex(/^\d{1,10}(,\d{1,10}){0,199}$/, 'productIds 应为以逗号分隔的产品编号')
    .transform((s) => s.split(',').map(Number)),
});

export const pdfQuery = z.object({ token: z.string().max(200).optional() });

const pastPrice = z.object({
  netUnitPriceCents: z.int(),
  unitPriceCents: z.int(),
  discountPercent: z.number(),
  source: z.enum(['quote', 'contract']),
  documentId: z.int(),
  at: timestamp,
});

export const lastPricesJson = z.object({
  items: z.array(z.object({ productId: z.int(), prices: z.array(pastPrice) })),
});

const quoteLineJson = z.object({
  position: z.int(),
  product: z.object({
    id: z.int(),
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    specification: z.string(),
  }),
  quantity: z.int(),
  unitPriceCents: z.int(),
  discountPercent: z.number(),
  netUnitPriceCents: z.int(),
  amountCents: z.int(),
  listPriceCents: z.int(),
  floorPriceCents: z.int(),
  belowFloor: z.boolean(),
  lastPrices: z.array(pastPrice),
});

export const quoteSummaryJson = z.object({
  id: z.int(),
  number: z.string(),
  title: z.string(),
  customer: person,
  owner: person.nullable(),
  validUntil: z.string(),
  status: z.enum(quoteStatuses),
  statusLabel: z.string(),
  totalCents: z.int(),
  listTotalCents: z.int(),
  createdAt: timestamp,
});

export const quoteJson = quoteSummaryJson.extend({
  opportunityId: z.int().nullable(),
  totalInWords: z.string(),
  lines: z.array(quoteLineJson),
  approvals: z.array(
    z.object({
      id: z.int(),
      status: z.enum(approvalStatuses),
      createdAt: timestamp,
      decidedAt: timestamp.nullable(),
    }),
  ),
  contractId: z.int().nullable(),
  updatedAt: timestamp,
});

export const quotePage = z.object({ items: z.array(quoteSummaryJson), nextCursor: z.string().nullable() });

export const quoteSubmitted = z.object({ approvalId: z.int().nullable(), quote: quoteJson });

export const pdfLinkJson = z.object({ url: z.string(), expiresAt: timestamp });
