import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { mergeBody, mergeParams, mergePlanJson, mergeQuery, suggestionList } from './merge-schemas.js';

const base = { tag: '角色与权限', signedIn: true } as const;
const adminOnly = { 401: answers.unauthenticated, 403: answers.forbidden } as const;
const refused = {
  400: {
    ...answers.invalid,
    description:
      '不能合并（type 为 merge-self：同一个账号；merge-same-platform：两个账号都绑定了企业微信或都绑定了钉钉），什么都没有改变',
  },
  ...adminOnly,
  404: answers.notFound,
  409: {
    ...answers.invalid,
    description: '其中一个账号已经合并到其他账号（type 为 merge-already-merged），什么都没有改变',
  },
};

export const mergeDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/admin/users/merge-suggestions',
    summary: '可能是同一人的账号：同名、一个只有企业微信账号、一个只有钉钉账号的在职人员（管理员）',
    answers: { 200: { description: '建议合并的账号对', schema: suggestionList }, ...adminOnly },
  },
  {
    ...base,
    method: 'get',
    path: '/admin/users/:id/merge-preview',
    params: mergeParams,
    query: mergeQuery,
    summary:
      '预览把另一个账号合并到此人：将转过来的客户、线索、商机、待办、角色等的数量（管理员；不做任何修改）',
    answers: { 200: { description: '合并预览', schema: mergePlanJson }, ...refused },
  },
  {
    ...base,
    method: 'post',
    path: '/admin/users/:id/merge',
    params: mergeParams,
    body: mergeBody,
    summary: '把另一个账号合并到此人（管理员）',
    description:
      '此人保留，并取得另一账号的企业微信或钉钉身份，以及其负责和经手的一切（客户、线索、商机、待办、跟进、角色、协作、销售目标、登录会话…）；另一账号标记为已合并并停用，不删除。此后两个平台的通讯录同步都不会再把它分开。记入审计日志。',
    answers: { 200: { description: '合并后的两个账号与转过来的内容', schema: mergePlanJson }, ...refused },
  },
];
