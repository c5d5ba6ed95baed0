import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  approvalDetail,
  approvalId,
  approveBody,
  boxPage,
  boxQuery,
  docTypeParam,
  flowBody,
  flowJson,
  flowList,
  preview,
  previewBody,
  rejectBody,
  transferBody,
  validated,
} from './schemas.js';

const base = { signedIn: true, tag: '审批' } as const;
const flows = { signedIn: true, tag: '审批流程' } as const;
const detail = { description: '审批（流程时间线与单据）', schema: approvalDetail };
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };
const decided = {
  403: answers.forbidden,
  409: problem('已由他人处理、已进入下一步、已结束或已撤回：什么都没有改变'),
};
const admin = { 400: answers.invalid, 401: answers.unauthenticated, 403: answers.forbidden };

export const approvalDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/approvals',
    summary: '我的审批：待我审批 pending、我发起的 mine、抄送我 cc、已处理 done，最新的在前',
    query: boxQuery,
    answers: {
      200: { description: '一页审批', schema: boxPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'get',
    path: '/approvals/:id',
    params: approvalId,
    summary: '一个审批',
    answers: { 200: detail, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/approvals/:id/approve',
    params: approvalId,
    summary: '同意（我在当前步骤的任务）',
    body: approveBody,
    answers: { 200: detail, ...failures, ...decided },
  },
  {
    ...base,
    method: 'post',
    path: '/approvals/:id/reject',
    params: approvalId,
    summary: '驳回，理由必填（至少 2 个字）；单据回到草稿，发起人可修改后重新提交',
    body: rejectBody,
    answers: { 200: detail, ...failures, ...decided },
  },
  {
    ...base,
    method: 'post',
    path: '/approvals/:id/withdraw',
    params: approvalId,
    summary: '撤回（发起人，审批中）',
    answers: { 200: detail, ...failures, ...decided },
  },
  {
    ...base,
    method: 'post',
    path: '/approvals/:id/transfer',
    params: approvalId,
    summary: '转交：把我在当前步骤的任务交给一位同事',
    body: transferBody,
    answers: { 200: detail, ...failures, ...decided },
  },
  {
    ...base,
    method: 'post',
    path: '/approvals/:id/remind',
    params: approvalId,
    summary: '催办（发起人，审批中）：当前步骤的审批人各收到一张可直接审批的卡片；每人 1 小时内最多一次',
    answers: {
      200: detail,
      ...failures,
      403: answers.forbidden,
      409: problem('审批已结束，或 1 小时内已催办过每一位审批人：什么都没有发出'),
    },
  },
  {
    ...flows,
    method: 'get',
    path: '/approval-flows',
    summary: '每类单据的当前审批流程与可用字段（管理员）',
    answers: {
      200: { description: '审批流程', schema: flowList },
      401: answers.unauthenticated,
      403: answers.forbidden,
    },
  },
  {
    ...flows,
    method: 'post',
    path: '/approval-flows/:docType',
    params: docTypeParam,
    summary: '保存新版本（管理员）；进行中的审批继续按原版本',
    body: flowBody,
    answers: { 201: { description: '新版本', schema: flowJson }, ...admin },
  },
  {
    ...flows,
    method: 'post',
    path: '/approval-flows/:docType/validate',
    params: docTypeParam,
    summary: '检查流程：循环、无法到达的节点、未知字段（管理员）',
    body: flowBody,
    answers: { 200: { description: '流程可以保存', schema: validated }, ...admin },
  },
  {
    ...flows,
    method: 'post',
    path: '/approval-flows/:docType/preview',
    params: docTypeParam,
    summary: '预览：这张单据由谁提交时走哪条路径、每步由谁审批（管理员）',
    body: previewBody,
    answers: {
      200: { description: '审批路径', schema: preview },
      ...admin,
      409: problem('还没有流程'),
    },
  },
];
