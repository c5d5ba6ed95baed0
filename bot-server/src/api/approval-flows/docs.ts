import { docTypeParam } from '../approvals/schemas.js';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { flowVersions } from './schemas.js';

export const flowVersionDocs: RouteDoc[] = [
  {
    signedIn: true,
    tag: '审批流程',
    method: 'get',
    path: '/approval-flows/:docType/versions',
    params: docTypeParam,
    summary: '一类单据的全部流程版本，最新的在前（管理员，只读）；进行中的审批各按其提交时的版本',
    answers: {
      200: { description: '流程版本', schema: flowVersions },
      400: answers.invalid,
      401: answers.unauthenticated,
      403: answers.forbidden,
    },
  },
];
