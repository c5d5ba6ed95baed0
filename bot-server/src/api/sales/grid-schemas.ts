import { z } from 'zod';
import { recordId, unknownKeys } from '../customers/schemas.js';
import { batchOutcomeOf, gridColumns } from '../grid/responses.js';
import { idList } from '../grid/schemas.js';
import { opportunityJson } from './schemas.js';

// The requests and answers of the deals grid (/api/opportunities/grid, /api/opportunities/batch).
// The page's query is every grid's (grid/schemas.ts: search, filters, sort, cursor); columns,
// sorts and filters are checked against the deals grid's columns by the domain.

export const dealBatchBody = z
  .strictObject(
    {
      ids: idList('商机', 1000),
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

export const dealBatchOutcome = batchOutcomeOf('商机', '商机名称');
