import { z } from 'zod';
import { timelineTypes } from '../../domain/customers/timeline/source.js';
import { answers, person, timestamp } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { customerPage, customerView, duplicateProblem, followUp, revealed } from './responses.js';
import {
  customerCreate,
  customerId,
  customerListQuery,
  customerPatch,
  followUpCreate,
  ownerChange,
  reveal,
  timelineQuery,
} from './schemas.js';

const tag = '客户';
const base = { tag, signedIn: true } as const;
const one = { ...base, params: customerId } as const;
const view = { description: '客户 360° 视图', schema: customerView };
const failures = { 401: answers.unauthenticated, 404: answers.notFound };

export const timelinePage = z.object({
  items: z.array(
    z.object({
      id: z.string().meta({ description: '来源与编号，例如 follow_up:12' }),
      type: z.enum(timelineTypes),
      at: timestamp,
      title: z.string(),
      body: z.string().nullable().meta({ description: '详情；隐藏字段不出现，脱敏字段只显示脱敏后的值' }),
      by: person.nullable(),
    }),
  ),
  nextCursor: z.string().nullable().meta({ description: '下一页的游标；null 表示已是最后一页' }),
});

export const customersDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/customers',
    summary: '客户列表（仅限数据权限范围内，含公海）',
    query: customerListQuery,
    answers: {
      200: { description: '一页客户', schema: customerPage },
      400: answers.invalid,
      401: answers.unauthenticated,
      403: answers.fieldRefused,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/customers',
    summary: '新建客户（公司或个人）及其联系人',
    description:
      '同手机号、同公司名或同统一社会信用代码视为疑似重复，答复 409；确认后带 force: true 再提交。',
    body: customerCreate,
    answers: {
      201: view,
      400: answers.invalid,
      401: answers.unauthenticated,
      403: answers.fieldRefused,
      409: { description: '疑似重复', schema: duplicateProblem, problem: true },
    },
  },
  {
    ...one,
    method: 'get',
    path: '/customers/:id',
    summary: '客户 360° 视图',
    answers: { 200: view, 400: answers.invalid, ...failures },
  },
  {
    ...one,
    method: 'get',
    path: '/customers/:id/timeline',
    summary: '客户时间线：跟进、资料变更、负责人、商机阶段与输赢、完成的待办、线索转化、合并（最新的在前）',
    query: timelineQuery,
    answers: { 200: { description: '一页时间线', schema: timelinePage }, 400: answers.invalid, ...failures },
  },
  {
    ...one,
    method: 'patch',
    path: '/customers/:id',
    summary: '修改客户（只读、脱敏、隐藏字段不可修改）',
    body: customerPatch,
    answers: { 200: view, 400: answers.invalid, ...failures, 403: answers.fieldRefused },
  },
  {
    ...one,
    method: 'delete',
    path: '/customers/:id',
    summary: '删除客户（移入回收站）',
    answers: {
      204: { description: '已移入回收站' },
      400: answers.invalid,
      ...failures,
      403: answers.forbidden,
    },
  },
  {
    ...one,
    method: 'post',
    path: '/customers/:id/restore',
    summary: '从回收站恢复客户',
    answers: { 200: view, 400: answers.invalid, ...failures },
  },
  {
    ...one,
    method: 'post',
    path: '/customers/:id/follow-ups',
    summary: '记录跟进（电话、拜访、微信、邮件、会议）',
    body: followUpCreate,
    answers: {
      201: { description: '跟进记录', schema: followUp },
      400: answers.invalid,
      ...failures,
      403: answers.fieldRefused,
    },
  },
  {
    ...one,
    method: 'put',
    path: '/customers/:id/owner',
    summary: '更换负责人或退回公海（主管、管理员）',
    body: ownerChange,
    answers: { 200: view, 400: answers.invalid, ...failures, 403: answers.fieldRefused },
  },
  {
    ...one,
    method: 'post',
    path: '/customers/:id/reveal',
    summary: '查看脱敏字段的原值（记入审计日志；隐藏字段不可查看）',
    body: reveal,
    answers: {
      200: { description: '原值', schema: revealed },
      400: answers.invalid,
      ...failures,
      403: answers.forbidden,
    },
  },
];
