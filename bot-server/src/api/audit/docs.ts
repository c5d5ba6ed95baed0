import { auditActions } from '@kelian/orm';
import { z } from 'zod';
import { answers, person, timestamp } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { auditQuery } from './schemas.js';

export const auditPage = z.object({
  items: z.array(
    z.object({
      id: z.int(),
      at: timestamp,
      actor: person.nullable(),
      action: z.enum(auditActions),
      objectType: z.string(),
      objectId: z.string(),
      changes: z
        .record(z.string(), z.unknown())
        .meta({ description: '字段 → {before, after}；查看原值与导出时为 {fields: [...]}' }),
      via: z.string(),
      requestId: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const auditDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/audit',
    tag: '审计',
    signedIn: true,
    summary: '审计日志（仅管理员）：谁在何时创建、修改、删除、恢复、查看了什么',
    query: auditQuery,
    answers: {
      200: { description: '一页审计记录，最新的在前', schema: auditPage },
      400: answers.invalid,
      401: answers.unauthenticated,
      403: answers.forbidden,
    },
  },
];
