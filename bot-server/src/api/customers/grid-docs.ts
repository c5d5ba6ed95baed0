import { z } from 'zod';
import { gridColumns } from '../grid/responses.js';
import { gridQuery } from '../grid/schemas.js';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { batchOutcome, savedView } from './grid-responses.js';
import { batchBody, viewCreate, viewId, viewObjectQuery, viewPatch } from './grid-schemas.js';
import { customerPage } from './responses.js';

const base = { tag: '客户表格', signedIn: true } as const;
const failures = { 400: answers.invalid, 401: answers.unauthenticated };

export const customerGridDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/customers/grid/columns',
    summary: '客户表格的列（当前用户看不到的字段不列出）',
    answers: { 200: { description: '列', schema: gridColumns }, 401: answers.unauthenticated },
  },
  {
    ...base,
    method: 'get',
    path: '/customers/grid',
    summary: '客户表格：按任意列排序、筛选（含自定义字段），仅限数据权限范围内',
    description:
      '不认识的列答复 400（grid-column-unknown），不能排序的列 400（grid-sort-invalid），不适用的筛选 400（grid-filter-invalid），按隐藏字段筛选或排序 403（field-refused）。',
    query: gridQuery,
    answers: {
      200: { description: '一页客户', schema: customerPage },
      ...failures,
      403: answers.fieldRefused,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/customers/batch',
    summary: '批量修改负责人、等级、标签，或批量删除',
    description:
      '可以修改的客户全部修改（一个事务，逐条审计），其余的在 skipped 中列出原因且保持原样。新负责人已离职答复 400（owner-left），字段规则不允许时 403（field-refused），什么都不改。',
    body: batchBody,
    answers: {
      200: { description: '结果', schema: batchOutcome },
      ...failures,
      403: answers.fieldRefused,
    },
  },
  {
    ...base,
    method: 'get',
    path: '/views',
    summary: '我保存的表格视图',
    query: viewObjectQuery,
    answers: { 200: { description: '视图', schema: z.object({ items: z.array(savedView) }) }, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/views',
    summary: '保存表格视图（列、列顺序、排序、筛选）',
    body: viewCreate,
    answers: {
      201: { description: '视图', schema: savedView },
      ...failures,
      409: { ...answers.invalid, description: '已有同名视图（view-name-taken）' },
    },
  },
  {
    ...base,
    method: 'patch',
    path: '/views/:id',
    summary: '修改我的表格视图',
    params: viewId,
    body: viewPatch,
    answers: {
      200: { description: '视图', schema: savedView },
      ...failures,
      404: answers.notFound,
      409: { ...answers.invalid, description: '已有同名视图（view-name-taken）' },
    },
  },
  {
    ...base,
    method: 'delete',
    path: '/views/:id',
    summary: '删除我的表格视图',
    params: viewId,
    answers: { 204: { description: '已删除' }, 401: answers.unauthenticated, 404: answers.notFound },
  },
];
