import { contractStatuses } from '@kelian/orm';
import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, maxId, pageLimit, recordId } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不认识的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

export const contractId = z.object({ id: idParam('合同编号应为正整数') });

const number = z
  .string({ error: '合同编号应为文字' })
  .trim()
  .min(1, '请填写合同编号')
  .max(50, '合同编号不能超过 50 个字');
const name = z
  .string({ error: '合同名称应为文字' })
  .trim()
  .min(1, '请填写合同名称')
  .max(200, '合同名称不能超过 200 个字');
// Any number passes here: the domain refuses a negative, zero or fractional amount with its own
// code (contract-amount-invalid), whichever door it came through.
const amountCents = z
  .number({ error: '合同金额应为数字（单位：分）' })
  .meta({ description: '合同金额，以分计的正整数' });
const calendarDate = z.iso.date({ error: '日期应为 YYYY-MM-DD，例如 2026-12-31' });

export const contractCreate = z.strictObject(
  {
    customerId: recordId('客户编号应为正整数'),
    opportunityId: recordId('商机编号应为正整数').nullable().optional(),
    number,
    name,
    amountCents,
    startDate: calendarDate,
    endDate: calendarDate,
    signedDate: calendarDate.nullable().optional(),
  },
  unknownKeys,
);

export const contractPatch = z.strictObject(
  {
    opportunityId: recordId('商机编号应为正整数').nullable().optional(),
    number: number.optional(),
    name: name.optional(),
    amountCents: amountCents.optional(),
    startDate: calendarDate.optional(),
    endDate: calendarDate.optional(),
    signedDate: calendarDate.nullable().optional(),
  },
  unknownKeys,
);

export const contractSubmit = z
  .strictObject(
    {
      picks: z
        .record(z.string(), z.array(recordId('审批人编号应为正整数')).max(50))
        .optional()
        .meta({ description: '发起人自选的审批人：节点 id → 用户编号' }),
    },
    unknownKeys,
  )
  .default({});

export const contractTerminate = z.strictObject(
  {
    reason: z
      .string({ error: '请填写终止原因' })
      .trim()
      .min(2, '请填写终止原因（至少 2 个字）')
      .max(500, '终止原因不能超过 500 个字'),
  },
  unknownKeys,
);

export const contractListQuery = z.object({
  customerId: idParam('customerId 应为客户编号').optional(),
  status: z
    .enum(contractStatuses, { error: 'status 应为 draft、pending、active、expired 或 terminated' })
    .optional(),
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive().max(maxId) })).optional(),
});

export const contractJson = z.object({
  id: z.int(),
  number: z.string(),
  name: z.string(),
  customer: person,
  opportunityId: z.int().nullable(),
  owner: person.nullable(),
  amountCents: z.int(),
  startDate: z.string(),
  endDate: z.string(),
  signedDate: z.string().nullable(),
  status: z.enum(contractStatuses),
  statusLabel: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** One contract as its page reads it: with its newest approval run, to open from the page. */
export const contractDetail = contractJson.extend({
  approvalId: z.int().nullable().meta({ description: '最近一次审批的编号；从未提交审批为 null' }),
});

export const contractPage = z.object({ items: z.array(contractJson), nextCursor: z.string().nullable() });

export const submitted = z.object({ approvalId: z.int(), contract: contractJson });
