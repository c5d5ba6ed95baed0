import { answers, problem } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { attachmentJson, attachmentList, attachmentParams, uploadQuery } from './attachment-schemas.js';
import { contractId } from './schemas.js';

const base = { signedIn: true, tag: '合同' } as const;
const failures = { 400: answers.invalid, 401: answers.unauthenticated, 404: answers.notFound };

export const attachmentDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/contracts/:id/attachments',
    params: contractId,
    summary: '合同的附件（扫描件），最新的在前',
    answers: { 200: { description: '附件', schema: attachmentList }, ...failures },
  },
  {
    ...base,
    method: 'post',
    path: '/contracts/:id/attachments',
    params: contractId,
    query: uploadQuery,
    summary:
      '上传附件：请求体即文件内容（Content-Type: application/octet-stream），文件名放在 ?name=，每个不超过 20 MB',
    answers: {
      201: { description: '已保存的附件', schema: attachmentJson },
      ...failures,
      403: answers.forbidden,
      413: problem('附件超过 20 MB：什么都没有保存'),
    },
  },
  {
    ...base,
    method: 'get',
    path: '/contracts/:id/attachments/:attachmentId',
    params: attachmentParams,
    summary: '下载附件（文件内容，Content-Disposition: attachment）',
    answers: { 200: { description: '文件内容' }, ...failures },
  },
  {
    ...base,
    method: 'delete',
    path: '/contracts/:id/attachments/:attachmentId',
    params: attachmentParams,
    summary: '删除附件',
    answers: { 204: { description: '已删除' }, ...failures, 403: answers.forbidden },
  },
];
