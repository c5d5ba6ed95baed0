import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  applicationIdParam,
  applicationJson,
  applicationPage,
  applied,
  applyBody,
  mineQuery,
  resubmitBody,
  typeBody,
  typeIdParam,
  typeJson,
  typeList,
} from './schemas.js';

const types = { signedIn: true, tag: '申请类型' } as const;
const base = { signedIn: true, tag: '申请' } as const;
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };
const admin = { ...failures, 403: answers.forbidden, 409: problem('已有同名的申请类型') };
const sent = {
  ...failures,
  403: answers.forbidden,
  409: problem('类型已停用、没有审批流程，或申请正在审批中 / 已通过：什么都没有改变'),
};

export const applicationDocs: RouteDoc[] = [
  {
    ...types,
    method: 'get',
    path: '/application-types',
    summary: '申请类型：管理员看到全部，可以申请的人看到启用的',
    answers: {
      200: { description: '申请类型', schema: typeList },
      401: answers.unauthenticated,
      403: answers.forbidden,
    },
  },
  {
    ...types,
    method: 'post',
    path: '/application-types',
    summary: '新建申请类型（管理员）；它的审批流程在审批流程页按 docType 设置',
    body: typeBody,
    answers: { 201: { description: '申请类型', schema: typeJson }, ...admin },
  },
  {
    ...types,
    method: 'put',
    path: '/application-types/:id',
    params: typeIdParam,
    summary: '修改申请类型（管理员）；进行中的审批不受影响',
    body: typeBody,
    answers: { 200: { description: '申请类型', schema: typeJson }, ...admin },
  },
  {
    ...base,
    method: 'get',
    path: '/applications',
    summary: '我的申请，最新的在前',
    query: mineQuery,
    answers: {
      200: { description: '一页申请', schema: applicationPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/applications',
    summary: '新建申请并提交审批（字段按类型检查；不合格什么都不写）',
    body: applyBody,
    answers: { 201: { description: '申请与它的审批', schema: applied }, ...sent },
  },
  {
    ...base,
    method: 'get',
    path: '/applications/:id',
    params: applicationIdParam,
    summary: '一份申请（申请人，或有权查看范围内申请的人）',
    answers: { 200: { description: '申请', schema: applicationJson }, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/applications/:id/resubmit',
    params: applicationIdParam,
    summary: '修改被驳回或已撤回的申请并重新提交',
    body: resubmitBody,
    answers: { 200: { description: '申请与它的新审批', schema: applied }, ...sent },
  },
];
