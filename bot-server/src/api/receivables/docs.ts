import { z } from 'zod';
import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  contractIdParam,
  customerIdParam,
  customerReceivablesJson,
  deferBody,
  instalmentIdParam,
  instalmentJson,
  instalmentPage,
  planCreate,
  planJson,
  receiptCreate,
  receiptJson,
  receivableListQuery,
  refundCreate,
  refundIdParam,
  refundJson,
  refundList,
  refundListQuery,
} from './schemas.js';

const base = { signedIn: true, tag: '回款' } as const;
const failures = {
  400: answers.invalid,
  401: answers.unauthenticated,
  403: answers.forbidden,
  404: answers.notFound,
};
const instalment = { description: '一期回款计划', schema: instalmentJson };

export const receivableDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/contracts/:id/receivables',
    params: contractIdParam,
    summary: '合同的回款计划：各期、回款记录与合计',
    answers: { 200: { description: '回款计划', schema: planJson }, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/contracts/:id/receivables',
    params: contractIdParam,
    summary: '为草稿或已生效的合同加入回款计划（各期合计不超过合同金额）',
    body: planCreate,
    answers: {
      201: { description: '加入后的回款计划', schema: planJson },
      ...failures,
      409: problem('合同正在审批中、已到期或已终止'),
    },
  },
  {
    ...base,
    method: 'get',
    path: '/receivables',
    query: receivableListQuery,
    summary: '回款计划列表：即将到期（30 天内）、已逾期或全部，回款日早的在前',
    answers: {
      200: { description: '一页回款计划', schema: instalmentPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'get',
    path: '/customers/:id/receivables',
    params: customerIdParam,
    summary: '客户的回款计划、合计与逾期金额',
    answers: { 200: { description: '客户的回款', schema: customerReceivablesJson }, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/receivables/:id/receipts',
    params: instalmentIdParam,
    summary: '登记一笔回款（财务）：可部分回款；超过未回款金额需标记为多付',
    body: receiptCreate,
    answers: {
      201: {
        description: '回款记录与这一期的新状态',
        schema: z.object({ receipt: receiptJson, instalment: instalmentJson }),
      },
      ...failures,
      409: problem('这一期已取消，或合同还未生效'),
    },
  },
  {
    ...base,
    method: 'post',
    path: '/receivables/:id/cancel',
    params: instalmentIdParam,
    summary: '取消一期还没有回款的计划',
    answers: { 200: instalment, ...failures, 409: problem('这一期已有回款或已取消') },
  },
  {
    ...base,
    method: 'post',
    path: '/receivables/:id/defer',
    params: instalmentIdParam,
    summary: '回款延期（合同负责人或财务）：回款日顺延，财务会收到通知',
    body: deferBody,
    answers: { 200: instalment, ...failures, 409: problem('这一期已取消或已全部回款') },
  },
  {
    method: 'post',
    path: '/refunds',
    signedIn: true,
    tag: '退款',
    summary: '发起退款：不超过合同已回款（减去已批准和审批中的退款），随即进入退款审批流程',
    body: refundCreate,
    answers: {
      201: { description: '退款申请（审批中）', schema: refundJson },
      ...failures,
      409: problem('合同还未生效，或还没有退款审批流程'),
    },
  },
  {
    method: 'get',
    path: '/refunds',
    signedIn: true,
    tag: '退款',
    query: refundListQuery,
    summary: '一份合同的退款（各种状态，最新的在前），看得到合同的人可见',
    answers: { 200: { description: '退款', schema: refundList }, ...failures },
  },
  {
    method: 'get',
    path: '/refunds/:id',
    signedIn: true,
    tag: '退款',
    params: refundIdParam,
    summary: '一笔退款及其审批',
    answers: { 200: { description: '退款', schema: refundJson }, ...failures },
  },
];
