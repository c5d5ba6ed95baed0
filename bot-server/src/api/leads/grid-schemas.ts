import { z } from 'zod';
import { recordId, unknownKeys } from '../customers/schemas.js';
import { idList } from '../grid/schemas.js';
import { text } from './schemas.js';

// The leads grid's batch change (/api/leads/batch): one thing done to the selected leads.

export const leadBatchBody = z
  .strictObject(
    {
      ids: idList('线索', 1000),
      ownerId: recordId('ownerId 应为用户编号').optional().meta({ description: '转交给这位同事' }),
      release: z.literal(true, { error: 'release 只能是 true' }).optional().meta({ description: '退回公海' }),
      invalid: text('无效原因', 200).optional().meta({ description: '标记无效，及其原因' }),
    },
    unknownKeys,
  )
  .superRefine((body, ctx) => {
    const asked = (['ownerId', 'release', 'invalid'] as const).filter((k) => body[k] !== undefined);
    if (asked.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: '请选择一项批量操作：转交负责人（ownerId）、退回公海（release）或标记无效（invalid）',
      });
  });
