import { assignmentStrategies } from '@kelian/orm';
import { z } from 'zod';
import { recordId } from '../customers/schemas.js';
import { person, timestamp } from '../openapi/common.js';
import { pathId, text, unknownKeys } from './schemas.js';

// The requests and answers of /api/assignment-rules; the same schemas validate and describe them.

/** A condition: the values any one of which a lead must have; empty matches every lead. */
const condition = (label: string, example: string) =>
  z
    .array(text(label, 50), { error: `${label}应为文字列表，例如 ${example}` })
    .max(100, `${label}最多 100 项`)
    .refine((values) => new Set(values).size === values.length, `${label}有重复项`);

const ruleFields = {
  name: text('规则名称', 100),
  position: z
    .int({ error: '顺序应为正整数' })
    .positive('顺序应为正整数')
    .max(10_000, '顺序应为正整数')
    .optional()
    .meta({ description: '第几条（1 最先匹配）；其余规则依次后移。新建时不填：排在最后' }),
  enabled: z.boolean({ error: 'enabled 应为 true 或 false' }).default(true),
  regions: condition('地区', '["北京", "天津", "河北"]')
    .default([])
    .meta({ description: '按开头匹配线索的地区（北京 匹配 北京市）；空：不限' }),
  sources: condition('来源', '["官网表单", "展会"]').default([]).meta({ description: '空：不限' }),
  industries: condition('行业', '["制造业"]').default([]).meta({ description: '空：不限' }),
  teamId: recordId('负责团队应为部门编号').meta({ description: '匹配的线索分给这个部门（含下级部门成员）' }),
  strategy: z
    .enum(assignmentStrategies, {
      error:
        'strategy 应为 claim（推送到团队认领）、round_robin（轮流分配）或 least_loaded（分给手头线索最少的人）',
    })
    .default('claim'),
  recycleAfterDays: z
    .int({ error: '回收天数应为 1 到 365 的整数' })
    .min(1, '回收天数应为 1 到 365 的整数')
    .max(365, '回收天数应为 1 到 365 的整数')
    .nullable()
    .default(null)
    .meta({ description: '认领后这么多天没有动静即退回公海；null：不回收' }),
};

export const ruleCreate = z.strictObject(ruleFields, unknownKeys);

export const rulePatch = z.strictObject(
  {
    name: ruleFields.name.optional(),
    position: ruleFields.position,
    enabled: ruleFields.enabled.unwrap().optional(),
    regions: ruleFields.regions.unwrap().optional(),
    sources: ruleFields.sources.unwrap().optional(),
    industries: ruleFields.industries.unwrap().optional(),
    teamId: ruleFields.teamId.optional(),
    strategy: ruleFields.strategy.unwrap().optional(),
    recycleAfterDays: ruleFields.recycleAfterDays.unwrap().optional(),
  },
  unknownKeys,
);

export const ruleId = pathId('规则');

export const ruleJson = z.object({
  id: z.int(),
  name: z.string(),
  position: z.int(),
  enabled: z.boolean(),
  regions: z.array(z.string()),
  sources: z.array(z.string()),
  industries: z.array(z.string()),
  team: z.object({ id: z.int(), name: z.string() }),
  strategy: z.enum(assignmentStrategies),
  recycleAfterDays: z.int().nullable(),
  lastAssignee: person.nullable().meta({ description: '轮流分配时，上一条线索分给了谁' }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
