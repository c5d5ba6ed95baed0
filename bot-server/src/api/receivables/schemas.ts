import { receiptMethods, refundStatuses } from '@kelian/orm';
import { z } from 'zod';
import { receivableViews } from '../../domain/receivables/list.js';
import { cursorParam } from '../customers/cursor.js';
import { idParam, pageLimit, unknownKeys } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';

const calendarDate = z.iso.date({ error: '日期应为 YYYY-MM-DD，例如 2027-03-31' });
// Any number passes here: the domain refuses a negative, zero or fractional amount with its own
// code (receivable-amount-invalid), whichever door it came through.
const cents = (what: string) =>
  z.number({ error: `${what}应为数字（单位：分）` }).meta({ description: `${what}，以分计的正整数` });

export const contractIdParam = z.object({ id: idParam('合同编号应为正整数') });
export const instalmentIdParam = z.object({ id: idParam('回款计划编号应为正整数') });
export const refundIdParam = z.object({ id: idParam('退款编号应为正整数') });
export const customerIdParam = z.object({ id: idParam('客户编号应为正整数') });

export const planCreate = z.strictObject(
  {
    instalments: z
      .array(z.strictObject({ dueDate: calendarDate, amountCents: cents('每期金额') }, unknownKeys), {
        error: 'instalments 应为回款计划的列表',
      })
      .meta({ description: '要加入的各期：回款日与金额；合计（含已有各期）不能超过合同金额' }),
  },
  unknownKeys,
);

export const receiptCreate = z.strictObject(
  {
    amountCents: cents('回款金额'),
    receivedOn: calendarDate,
    method: z.enum(receiptMethods, { error: '回款方式应为 bank、cash、acceptance、online 或 other' }),
    note: z.string({ error: '备注应为文字' }).trim().max(500, '备注不能超过 500 个字').nullable().optional(),
    overpayment: z
      .boolean({ error: 'overpayment 应为 true 或 false' })
      .optional()
      .meta({ description: '确认客户多付：允许超过这一期未回款的金额' }),
  },
  unknownKeys,
);

export const deferBody = z.strictObject(
  { days: z.number({ error: '延期天数应为数字' }).optional().meta({ description: '延期天数，默认 7 天' }) },
  unknownKeys,
);

const position = z.object({ dueDate: z.iso.date(), id: z.int().positive() });

export const receivableListQuery = z.object({
  view: z.enum(receivableViews, { error: 'view 应为 due、overdue 或 all' }).default('all'),
  customerId: idParam('customerId 应为客户编号').optional(),
  limit: pageLimit(20),
  cursor: cursorParam(position).optional(),
});

export const instalmentStatusValues = ['unpaid', 'partial', 'paid', 'overdue', 'cancelled'] as const;

export const instalmentJson = z.object({
  id: z.int(),
  contract: z.object({ id: z.int(), number: z.string(), name: z.string() }),
  customer: person,
  owner: person.nullable(),
  seq: z.int(),
  dueDate: z.string(),
  amountCents: z.int(),
  receivedCents: z.int(),
  openCents: z.int(),
  status: z.enum(instalmentStatusValues),
  statusLabel: z.string(),
  deferrals: z.int(),
});

export const receiptJson = z.object({
  id: z.int(),
  instalmentId: z.int(),
  seq: z.int(),
  amountCents: z.int(),
  receivedOn: z.string(),
  method: z.enum(receiptMethods),
  methodLabel: z.string(),
  note: z.string().nullable(),
  overpayment: z.boolean(),
  recordedBy: person.nullable(),
  createdAt: timestamp,
});

export const totalsJson = z.object({
  plannedCents: z.int(),
  receivedCents: z.int(),
  openCents: z.int(),
  overdueCents: z.int(),
});

export const planJson = z.object({
  contractId: z.int(),
  contractAmountCents: z.int(),
  instalments: z.array(instalmentJson),
  receipts: z.array(receiptJson),
  totals: totalsJson,
});

export const customerReceivablesJson = z.object({
  instalments: z.array(instalmentJson),
  totals: totalsJson,
  overdue: z.object({ count: z.int(), cents: z.int() }),
});

export const instalmentPage = z.object({ items: z.array(instalmentJson), nextCursor: z.string().nullable() });

export const refundCreate = z.strictObject(
  {
    contractId: z.int({ error: '合同编号应为正整数' }).positive('合同编号应为正整数'),
    amountCents: cents('退款金额'),
    reason: z
      .string({ error: '请填写退款原因' })
      .trim()
      .min(2, '请填写退款原因（至少 2 个字）')
      .max(500, '退款原因不能超过 500 个字'),
    refundDate: calendarDate,
  },
  unknownKeys,
);

export const refundListQuery = z.object({ contractId: idParam('contractId 应为合同编号') });

export const refundStatusLabels = {
  draft: '草稿',
  pending: '审批中',
  approved: '已批准',
  rejected: '已驳回',
  withdrawn: '已撤回',
} as const;

export const refundJson = z.object({
  id: z.int(),
  contract: z.object({ id: z.int(), number: z.string() }),
  customer: person,
  amountCents: z.int(),
  reason: z.string(),
  refundDate: z.string(),
  status: z.enum(refundStatuses),
  statusLabel: z.string(),
  approvalId: z.int().nullable(),
  createdAt: timestamp,
});

export const refundList = z.object({ items: z.array(refundJson) });
