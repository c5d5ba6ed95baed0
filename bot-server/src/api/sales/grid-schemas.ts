import { z } from 'zod';
import { gridColumns } from '../customers/grid-responses.js';
import { recordId, unknownKeys } from '../customers/schemas.js';
import { opportunityJson } from './schemas.js';

// The requests and answers of the deals grid (/api/opportunities/grid, /api/opportunities/batch).
// The page's query is the customers grid's (gridQuery: search, filters, sort, cursor); columns,
// sorts and filters are checked against the deals grid's columns by the domain.

export const dealBatchBody = z
  .strictObject(
    {
      ids: z
        .array(recordId('商机应为正整数编号'), { error: '商机应为编号的列表' })
        .min(1, '请至少选择一个商机')
        .max(1000, '一次最多 1000 个商机'),
      delete: z.literal(true, { error: 'delete 只能是 true' }).optional(),
      ownerId: recordId('ownerId 应为用户编号').optional(),
      stageId: recordId('stageId 应为阶段编号').optional(),
    },
    unknownKeys,
  )
  .superRefine((body, ctx) => {
    const edits = body.ownerId !== undefined || body.stageId !== undefined;
    if (body.delete && edits)
      ctx.addIssue({ code: 'custom', path: ['delete'], message: '批量删除时不能同时修改负责人或阶段' });
    if (!body.delete && !edits)
      ctx.addIssue({ code: 'custom', path: [], message: '请选择要批量修改的内容：负责人或阶段，或批量删除' });
  });

export const dealGridColumns = gridColumns;

export const dealGridPage = z.object({
  items: z.array(
    opportunityJson.extend({
      customFields: z.record(z.string(), z.unknown()).meta({ description: '自定义字段，按字段 key' }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const dealBatchOutcome = z.object({
  changed: z.array(z.int()).meta({ description: '已按要求修改的商机编号（含原本就是这样的）' }),
  skipped: z
    .array(
      z.object({
        id: z.int(),
        name: z.string().optional().meta({ description: '商机名称；看不到的商机没有' }),
        reason: z.string(),
      }),
    )
    .meta({ description: '未修改的商机及原因（不在权限范围内、已赢单或输单等），它们保持原样' }),
});
