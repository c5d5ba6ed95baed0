import { gridQuery } from '../grid/schemas.js';
import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { dealBatchBody, dealBatchOutcome, dealGridColumns, dealGridPage } from './grid-schemas.js';

const base = { tag: '商机表格', signedIn: true } as const;
const failures = { 400: answers.invalid, 401: answers.unauthenticated };

export const dealGridDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/opportunities/grid/columns',
    summary: '商机表格的列（当前用户看不到的字段不列出）',
    answers: { 200: { description: '列', schema: dealGridColumns }, 401: answers.unauthenticated },
  },
  {
    ...base,
    method: 'get',
    path: '/opportunities/grid',
    summary: '商机表格：按任意列排序、筛选（含自定义字段），仅限数据权限范围内',
    description:
      '不认识的列答复 400（grid-column-unknown），不能排序的列 400（grid-sort-invalid），不适用的筛选 400（grid-filter-invalid），按隐藏或打码的字段筛选或排序 403（field-refused）。金额以分计。',
    query: gridQuery,
    answers: {
      200: { description: '一页商机', schema: dealGridPage },
      ...failures,
      403: answers.fieldRefused,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/opportunities/batch',
    summary: '批量修改负责人、调整阶段，或批量删除',
    description:
      '可以修改的商机全部修改（一个事务，逐条审计，阶段调整记入阶段历史），其余的在 skipped 中列出原因且保持原样。新负责人已离职答复 400（owner-left），角色没有相应权限 403，什么都不改。',
    body: dealBatchBody,
    answers: {
      200: { description: '结果', schema: dealBatchOutcome },
      ...failures,
      403: answers.fieldRefused,
      409: problem('目标阶段需要阶段审批，不能批量调整：什么都不改'),
    },
  },
];
