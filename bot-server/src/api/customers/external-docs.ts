import { z } from 'zod';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { externalUserIdParam, fromExternalBody } from './external-schemas.js';
import { customerView } from './responses.js';

const base = { tag: '客户', signedIn: true } as const;
const view = { description: '客户 360° 视图', schema: customerView };

export const externalCustomersDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/customers/by-external/:externalUserId',
    summary: '企业微信外部联系人对应的客户（聊天侧边栏）',
    params: externalUserIdParam,
    answers: { 200: view, 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound },
  },
  {
    ...base,
    method: 'post',
    path: '/customers/from-external',
    summary: '把企业微信外部联系人建为客户（负责人为自己）',
    description:
      '按企业微信 externalcontact/get 的资料新建客户：有企业名称的建为公司客户（外部联系人为主联系人），否则建为个人客户；' +
      '来源取「联系我」的 state。只有在企业微信中添加了该外部联系人的成员可以操作。已有关联客户时加入为协作人（无负责人时成为负责人），答复 200。',
    body: fromExternalBody,
    answers: {
      200: { description: '已有关联客户，已加入', schema: customerView },
      201: view,
      400: answers.invalid,
      401: answers.unauthenticated,
      404: {
        ...answers.notFound,
        description: '企业微信中没有这个外部联系人、你没有添加过他，或客联未接入企业微信',
      },
      502: answers.platform,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/customers/sync-external',
    summary: '全量同步企业微信客户（管理员）',
    description:
      '在后台按 externalcontact/batch/get_by_user 分页读取每位有企业微信账号的成员的外部联系人，新建或关联客户；可重复执行，结果不变。',
    answers: {
      202: { description: '已排队', schema: z.object({ queued: z.literal(true) }) },
      401: answers.unauthenticated,
      403: answers.forbidden,
      404: answers.platform,
    },
  },
];
