import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { duplicatePage, mergeBody } from './merge-schemas.js';
import { customerView } from './responses.js';
import { customerId } from './schemas.js';

const one = { tag: '客户', signedIn: true, params: customerId } as const;

export const mergeCustomersDocs: RouteDoc[] = [
  {
    ...one,
    method: 'get',
    path: '/customers/:id/duplicates',
    summary: '疑似重复的客户（同公司名、同统一社会信用代码或同手机号；仅限数据权限范围内）',
    answers: {
      200: { description: '疑似重复的客户', schema: duplicatePage },
      400: answers.invalid,
      401: answers.unauthenticated,
      404: answers.notFound,
    },
  },
  {
    ...one,
    method: 'post',
    path: '/customers/:id/merge',
    summary: '把当前客户合并到另一位客户',
    description:
      '联系人、跟进、标签、协作人、商机、待办和线索都移到保留的客户，保留客户的空字段由当前客户补齐；' +
      '当前客户移入回收站并记下合并去向。两位客户都必须是你可以修改的。',
    body: mergeBody,
    answers: {
      200: { description: '保留客户的 360° 视图', schema: customerView },
      400: answers.invalid,
      401: answers.unauthenticated,
      403: answers.forbidden,
      404: answers.notFound,
    },
  },
];
