import { z } from 'zod';
import { batchOutcomeOf, gridColumns } from '../grid/responses.js';
import { gridQuery } from '../grid/schemas.js';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { leadBatchBody } from './grid-schemas.js';
import { leadJson } from './responses.js';

const base = { tag: '线索表格', signedIn: true } as const;
const failures = { 400: answers.invalid, 401: answers.unauthenticated };

/** A row of the leads grid: the lead, its custom fields, and what the viewer may edit in place. */
const leadGridRow = leadJson.extend({
  customFields: z.record(z.string(), z.unknown()),
  updatedAt: leadJson.shape.createdAt,
  fieldAccess: z.object({
    editable: z.array(z.string()).meta({ description: '当前用户可以在表格中直接修改的字段' }),
  }),
});

export const leadGridDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/leads/grid/columns',
    summary: '线索表格的列（当前用户看不到的字段不列出）',
    answers: { 200: { description: '列', schema: gridColumns }, 401: answers.unauthenticated },
  },
  {
    ...base,
    method: 'get',
    path: '/leads/grid',
    summary: '线索表格：按任意列排序、筛选（含自定义字段），仅限能看到的线索',
    description:
      '不认识的列答复 400（grid-column-unknown），不能排序的列 400（grid-sort-invalid），不适用的筛选 400（grid-filter-invalid），按隐藏字段筛选或排序 403（field-refused）。未认领线索的手机与邮箱对所有人脱敏，只能按“为空”筛选。',
    query: gridQuery,
    answers: {
      200: {
        description: '一页线索',
        schema: z.object({ items: z.array(leadGridRow), nextCursor: z.string().nullable() }),
      },
      ...failures,
      403: answers.fieldRefused,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/leads/batch',
    summary: '批量转交负责人、退回公海或标记无效',
    description:
      '可以修改的线索全部修改（一个事务，逐条审计），其余的在 skipped 中列出原因且保持原样。没有转交权限 403（not-permitted），新负责人已离职 400（lead-owner-left）或不在管辖范围内 400，什么都不改。',
    body: leadBatchBody,
    answers: {
      200: { description: '结果', schema: batchOutcomeOf('线索', '公司名称') },
      ...failures,
      403: answers.fieldRefused,
    },
  },
];
