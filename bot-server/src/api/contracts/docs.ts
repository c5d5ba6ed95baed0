import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  contractCreate,
  contractDetail,
  contractId,
  contractJson,
  contractListQuery,
  contractPage,
  contractPatch,
  contractSubmit,
  contractTerminate,
  submitted,
} from './schemas.js';

const base = { signedIn: true, tag: '合同' } as const;
const contract = { description: '合同', schema: contractJson };
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };
const conflict = { 409: problem('合同不是草稿（审批中、已生效…）或编号已被使用') };

export const contractDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/contracts',
    summary: '我能看到的合同，最新的在前（可按客户、状态筛选）',
    query: contractListQuery,
    answers: {
      200: { description: '一页合同', schema: contractPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/contracts',
    summary: '新建合同草稿：金额为以分计的正整数，结束日期不早于开始日期',
    body: contractCreate,
    answers: { 201: contract, ...failures, 403: answers.forbidden, ...conflict },
  },
  {
    ...base,
    method: 'get',
    path: '/contracts/:id',
    params: contractId,
    summary: '一份合同，带最近一次审批的编号',
    answers: { 200: { description: '合同', schema: contractDetail }, ...failures },
  },
  {
    ...base,
    method: 'patch',
    path: '/contracts/:id',
    params: contractId,
    summary: '修改合同草稿（被驳回或撤回的合同回到草稿，可修改后重新提交）',
    body: contractPatch,
    answers: { 200: contract, ...failures, 403: answers.forbidden, ...conflict },
  },
  {
    ...base,
    method: 'delete',
    path: '/contracts/:id',
    params: contractId,
    summary: '删除合同草稿（放入回收站）',
    answers: { 204: { description: '已删除' }, ...failures, 403: answers.forbidden, ...conflict },
  },
  {
    ...base,
    method: 'post',
    path: '/contracts/:id/submit',
    params: contractId,
    summary: '提交合同审批：按合同审批流程的当前版本，合同变为审批中',
    body: contractSubmit,
    answers: {
      200: { description: '审批编号与合同', schema: submitted },
      ...failures,
      403: answers.forbidden,
      409: problem('合同不是草稿，或还没有合同审批流程'),
    },
  },
  {
    ...base,
    method: 'post',
    path: '/contracts/:id/terminate',
    params: contractId,
    summary: '终止已生效的合同（提前结束）；到期的合同每小时自动变为已到期',
    body: contractTerminate,
    answers: { 200: contract, ...failures, 403: answers.forbidden, 409: problem('合同不是已生效') },
  },
];
