import { answers, problemSchema } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { inboundAnswer, leadJson, leadPage } from './responses.js';
import { leadCreate, leadId, leadInbound, leadInvalid, leadListQuery, leadPatch } from './schemas.js';

const tag = '线索';
const base = { tag, signedIn: true } as const;
const one = { ...base, params: leadId } as const;
const lead = { description: '线索（按当前用户的权限脱敏）', schema: leadJson };
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };

export const leadsDocs: RouteDoc[] = [
  {
    tag,
    signedIn: false,
    method: 'post',
    path: '/leads/inbound',
    summary: '网页表单推送线索（HMAC 签名）',
    description:
      '请求头 X-Kelian-Timestamp 为 Unix 秒，X-Kelian-Signature 为 sha256=<hex>：以 LEAD_WEBHOOK_SECRET 为密钥对「时间戳.原始请求体」做 HMAC-SHA256。时间戳与服务器相差超过 5 分钟即拒绝；同一签名的请求只接受一次（重放答复 409）。按分配规则推送给团队或进入公海。',
    body: leadInbound,
    answers: {
      200: { description: '同一 externalId 已登记过', schema: inboundAnswer },
      201: { description: '已登记', schema: inboundAnswer },
      400: answers.invalid,
      401: answers.unauthenticated,
      409: {
        description: '同一签名的请求已处理过（重放），什么都没有创建',
        schema: problemSchema,
        problem: true,
      },
      503: answers.platform,
    },
  },
  {
    ...base,
    method: 'get',
    path: '/leads',
    summary: '线索列表：我的、公海、团队、全部（仅限权限范围内）',
    query: leadListQuery,
    answers: {
      200: { description: '一页线索，新的在前', schema: leadPage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/leads',
    summary: '登记线索，按分配规则推送；同一公司与手机号已登记过时答复 409（leadId 为已有线索）',
    body: leadCreate,
    answers: {
      201: lead,
      400: answers.invalid,
      401: answers.unauthenticated,
      409: { description: '线索已登记过', schema: problemSchema, problem: true },
    },
  },
  { ...one, method: 'get', path: '/leads/:id', summary: '线索详情', answers: { 200: lead, ...failures } },
  {
    ...one,
    method: 'patch',
    path: '/leads/:id',
    summary: '修改线索（负责人）',
    body: leadPatch,
    answers: { 200: lead, ...failures, 403: answers.forbidden },
  },
  {
    ...one,
    method: 'post',
    path: '/leads/:id/claim',
    summary: '认领线索：先到先得',
    answers: {
      200: lead,
      ...failures,
      403: answers.forbidden,
      409: {
        description: '已被他人认领（title 说明是谁）或已关闭',
        schema: answers.invalid.schema,
        problem: true,
      },
    },
  },
  {
    ...one,
    method: 'post',
    path: '/leads/:id/release',
    summary: '退回公海',
    answers: { 200: lead, ...failures, 403: answers.forbidden },
  },
  {
    ...one,
    method: 'post',
    path: '/leads/:id/invalid',
    summary: '标记为无效线索（需填写原因）',
    body: leadInvalid,
    answers: { 200: lead, ...failures, 403: answers.forbidden },
  },
];
