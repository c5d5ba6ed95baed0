import { z } from 'zod';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { ruleCreate, ruleId, ruleJson, rulePatch } from './rules-schemas.js';

const base = { tag: '线索分配规则', signedIn: true } as const;
const one = { ...base, params: ruleId } as const;
const rule = { description: '分配规则', schema: ruleJson };
const failures = {
  400: answers.invalid,
  401: answers.unauthenticated,
  403: answers.forbidden,
  404: answers.notFound,
};

export const assignmentRulesDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/assignment-rules',
    summary: '线索分配规则（管理员），按匹配顺序',
    answers: {
      200: { description: '全部规则', schema: z.object({ items: z.array(ruleJson) }) },
      401: answers.unauthenticated,
      403: answers.forbidden,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/assignment-rules',
    summary: '新建分配规则',
    description:
      '新线索按顺序匹配第一条启用的规则：地区（按开头匹配）、来源、行业都符合即分给 teamId 部门；strategy 为 claim 时推送卡片给团队认领，round_robin 在团队成员间轮流分配，least_loaded 分给手头已认领线索最少的成员。没有规则匹配：进入公海。',
    body: ruleCreate,
    answers: { 201: rule, 400: answers.invalid, 401: answers.unauthenticated, 403: answers.forbidden },
  },
  {
    ...one,
    method: 'patch',
    path: '/assignment-rules/:id',
    summary: '修改分配规则；position 调整顺序',
    body: rulePatch,
    answers: { 200: rule, ...failures },
  },
  {
    ...one,
    method: 'delete',
    path: '/assignment-rules/:id',
    summary: '删除分配规则（已分配的线索不变，不再按它回收）',
    answers: { 204: { description: '已删除' }, ...failures },
  },
];
