import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, pageLimit } from '../customers/schemas.js';

export const auditQuery = z.object({
  objectType: z
    .string({ error: 'objectType 应为文字' })
    .trim()
    .min(1, 'objectType 不能为空')
    .max(40, 'objectType 过长')
    .optional()
    .meta({ description: '对象类型：customer、contact、followUp …' }),
  objectId: z
    .string({ error: 'objectId 应为文字' })
    .trim()
    .min(1, 'objectId 不能为空')
    .max(64, 'objectId 过长')
    .optional(),
  actor: idParam('actor 应为用户编号').optional().meta({ description: '操作人的用户编号' }),
  limit: pageLimit(50),
  cursor: cursorParam(z.object({ beforeId: z.int().positive() })).optional(),
});
