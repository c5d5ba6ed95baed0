import { auditActions } from '@kelian/orm';
import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, pageLimit } from '../customers/schemas.js';

const instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name}应为带时区的 ISO 时间，例如 2026-12-01T00:00:00+08:00` })
    .transform((v) => new Date(v));

export const auditQuery = z
  .object({
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
    action: z
      .enum(auditActions, { error: `操作只能是 ${auditActions.join('、')}` })
      .optional()
      .meta({ description: '操作：create、update、delete …' }),
    from: instant('起始时间').optional().meta({ description: '此时及之后的记录（含）' }),
    to: instant('结束时间').optional().meta({ description: '此时之前的记录（不含）' }),
    limit: pageLimit(50),
    cursor: cursorParam(z.object({ beforeId: z.int().positive() })).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    path: ['to'],
    message: '结束时间应晚于起始时间',
  });
