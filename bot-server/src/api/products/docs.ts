import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  productCreate,
  productId,
  productJson,
  productListQuery,
  productPage,
  productPatch,
} from './schemas.js';

const base = { signedIn: true, tag: '产品' } as const;
const product = { description: '产品', schema: productJson };
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };
const written = { ...failures, 403: answers.forbidden, 409: problem('SKU 已被使用') };

export const productDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/products',
    summary: '产品目录（按 id 翻页；q 按名称或 SKU 搜索，active 筛选启用/停用）',
    query: productListQuery,
    answers: {
      200: { description: '一页产品', schema: productPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/products',
    summary: '新建产品：价格以分计的整数，底价不高于标准价（需要产品编辑权限）',
    body: productCreate,
    answers: { 201: product, ...written },
  },
  {
    ...base,
    method: 'get',
    path: '/products/:id',
    params: productId,
    summary: '一个产品',
    answers: { 200: product, ...failures },
  },
  {
    ...base,
    method: 'patch',
    path: '/products/:id',
    params: productId,
    summary: '修改产品（需要产品编辑权限）',
    body: productPatch,
    answers: { 200: product, ...written },
  },
  {
    ...base,
    method: 'post',
    path: '/products/:id/deactivate',
    params: productId,
    summary: '停用产品：不能再报价，已有报价和合同不受影响',
    answers: { 200: product, ...failures, 403: answers.forbidden },
  },
];
