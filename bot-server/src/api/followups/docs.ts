import { z } from 'zod';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  ruleCreate,
  ruleId,
  ruleJson,
  rulePatch,
  taskCreate,
  taskId,
  taskJson,
  taskListQuery,
  taskPage,
  taskPostpone,
} from './schemas.js';

const base = { signedIn: true } as const;
const task = { description: '待办', schema: taskJson };
const rule = { description: '跟进规则', schema: ruleJson };
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };

export const followUpsDocs: RouteDoc[] = [
  {
    ...base,
    tag: '待办',
    method: 'get',
    path: '/tasks',
    summary: '我的待办：today（今天及逾期）、open、overdue、done',
    query: taskListQuery,
    answers: {
      200: { description: '一页待办', schema: taskPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    tag: '待办',
    method: 'post',
    path: '/tasks',
    summary: '新建待办（到期时以卡片提醒）',
    body: taskCreate,
    answers: { 201: task, ...failures, 403: answers.forbidden },
  },
  {
    ...base,
    tag: '待办',
    params: taskId,
    method: 'post',
    path: '/tasks/:id/done',
    summary: '完成待办',
    answers: { 200: task, ...failures, 403: answers.forbidden },
  },
  {
    ...base,
    tag: '待办',
    params: taskId,
    method: 'post',
    path: '/tasks/:id/postpone',
    summary: '推迟待办（默认 1 天），到时再次提醒',
    body: taskPostpone,
    answers: { 200: task, ...failures, 403: answers.forbidden },
  },
  {
    ...base,
    tag: '跟进规则',
    method: 'get',
    path: '/followup-rules',
    summary: '跟进规则（管理员）',
    answers: {
      200: { description: '全部规则', schema: z.object({ items: z.array(ruleJson) }) },
      401: answers.unauthenticated,
      403: answers.forbidden,
    },
  },
  {
    ...base,
    tag: '跟进规则',
    method: 'post',
    path: '/followup-rules',
    summary: '新建跟进规则',
    description:
      '三种触发：事件后（event：客户 created / first_follow_up，线索 created / claimed，商机 created / won，在事件时间加 offsetDays 天触发）；日期字段前后（dateField：商机 expectedCloseDate 或日期型自定义字段 customFields.<键>，在该日期加 offsetDays 天的 09:00 触发，负数表示之前；合同、回款尚无专门的表，以自定义日期字段代替）；未跟进（inactivity：最后跟进后 offsetDays 天）。动作：为负责人创建待办（task，截止时间即触发时间）或退回公海（pool，仅客户）。规则只对创建之后到期的事件和日期生效；每条规则对每个对象的每次触发只执行一次，多台服务器同时运行也一样。',
    body: ruleCreate,
    answers: { 201: rule, 400: answers.invalid, 401: answers.unauthenticated, 403: answers.forbidden },
  },
  {
    ...base,
    tag: '跟进规则',
    params: ruleId,
    method: 'patch',
    path: '/followup-rules/:id',
    summary: '修改跟进规则',
    body: rulePatch,
    answers: { 200: rule, ...failures, 403: answers.forbidden },
  },
  {
    ...base,
    tag: '跟进规则',
    params: ruleId,
    method: 'delete',
    path: '/followup-rules/:id',
    summary: '删除跟进规则',
    answers: { 204: { description: '已删除' }, ...failures, 403: answers.forbidden },
  },
];
