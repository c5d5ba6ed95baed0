import { contractJson } from '../contracts/schemas.js';
import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  lastPricesJson,
  lastPricesQuery,
  pdfLinkJson,
  pdfQuery,
  quoteCreate,
  quoteId,
  quoteJson,
  quoteListQuery,
  quotePage,
  quotePatch,
  quoteSubmitted,
  quoteToContractBody,
} from './schemas.js';

const base = { signedIn: true, tag: '报价' } as const;
const quote = { description: '报价（含明细、每个产品客户近三次价格、审批记录）', schema: quoteJson };
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };
const notEditable = { 409: problem('报价不是草稿或已驳回（审批中、已批准、已转合同…）') };

export const quoteDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/quotes',
    summary: '我能看到的报价，最新的在前（可按客户、状态筛选）',
    query: quoteListQuery,
    answers: {
      200: { description: '一页报价', schema: quotePage },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'get',
    path: '/quotes/last-prices',
    summary: '客户对这些产品的近三次成交/报价单价（折后），新的在前；报价时显示在每行下面',
    query: lastPricesQuery,
    answers: { 200: { description: '每个产品的近三次价格', schema: lastPricesJson }, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/quotes',
    summary: '新建报价草稿：数量为正整数，单价以分计，折扣 0–100%，有效期不早于今天',
    body: quoteCreate,
    answers: { 201: quote, ...failures, 403: answers.forbidden },
  },
  {
    ...base,
    method: 'get',
    path: '/quotes/:id',
    params: quoteId,
    summary: '一份报价',
    answers: { 200: quote, ...failures },
  },
  {
    ...base,
    method: 'patch',
    path: '/quotes/:id',
    params: quoteId,
    summary: '修改报价草稿或被驳回的报价（明细整体替换；修改后回到草稿）',
    body: quotePatch,
    answers: { 200: quote, ...failures, 403: answers.forbidden, ...notEditable },
  },
  {
    ...base,
    method: 'post',
    path: '/quotes/:id/submit',
    params: quoteId,
    summary: '提交报价：有低于底价的明细时走报价审批流程（审批中），否则直接批准（approvalId 为 null）',
    answers: {
      200: { description: '审批编号（无需审批时为 null）与报价', schema: quoteSubmitted },
      ...failures,
      403: answers.forbidden,
      ...notEditable,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/quotes/:id/contract',
    params: quoteId,
    summary:
      '已批准的报价一键转合同：合同草稿带上报价的明细和价格，并记录来源报价（其审批记录随之可查）；合同按金额走自己的审批流程',
    body: quoteToContractBody,
    answers: {
      201: { description: '新合同（草稿）', schema: contractJson },
      ...failures,
      403: answers.forbidden,
      409: problem('报价未批准、已过有效期，或合同编号已被使用'),
    },
  },
  {
    ...base,
    method: 'post',
    path: '/quotes/:id/pdf-link',
    params: quoteId,
    summary: '报价单 PDF 的下载链接，15 分钟内有效，无需登录：销售在聊天里转发给客户',
    answers: { 200: { description: '链接与过期时间', schema: pdfLinkJson }, ...failures },
  },
  {
    ...base,
    method: 'get',
    path: '/quotes/:id/pdf',
    params: quoteId,
    query: pdfQuery,
    summary: '报价单 PDF（嵌入中文字体）：登录用户按权限下载，或凭 pdf-link 的 token 下载',
    answers: { 200: { description: 'application/pdf' }, ...failures },
  },
];
