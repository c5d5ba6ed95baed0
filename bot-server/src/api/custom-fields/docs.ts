import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  definitionCreate,
  definitionId,
  definitionJson,
  definitionList,
  definitionPatch,
  definitionQuery,
} from './schemas.js';

const base = { tag: '自定义字段', signedIn: true } as const;
const one = { ...base, params: definitionId } as const;
const definition = { description: '字段定义', schema: definitionJson };
const adminFailures = { 400: answers.invalid, 401: answers.unauthenticated, 403: answers.forbidden } as const;

const unfit = {
  description:
    '已保存的值不符合（type 为 custom-field-values-unfit 或 custom-field-option-in-use），标题说明有多少条记录不符合，什么都没有改变',
  schema: answers.invalid.schema,
  problem: true,
};

export const customFieldsDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/custom-fields',
    summary: '自定义字段定义（表单与客户详情据此显示字段名称）',
    query: definitionQuery,
    answers: {
      200: { description: '按对象和排序排列', schema: definitionList },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
  {
    ...base,
    method: 'post',
    path: '/custom-fields',
    summary: '新建自定义字段（管理员）',
    description:
      '类型 text、number、date（YYYY-MM-DD）、select、multi_select；单选和多选需要 options。客户的自定义字段值按定义校验，必填字段新建时必须填写。',
    body: definitionCreate,
    answers: { 201: definition, ...adminFailures },
  },
  {
    ...one,
    method: 'patch',
    path: '/custom-fields/:id',
    summary: '修改自定义字段的名称、类型、选项、必填与排序（管理员）',
    description: '改类型时，已保存的值都必须符合新类型；删除选项时，不能有记录选了它。',
    body: definitionPatch,
    answers: { 200: definition, ...adminFailures, 404: answers.notFound, 409: unfit },
  },
  {
    ...one,
    method: 'delete',
    path: '/custom-fields/:id',
    summary: '删除自定义字段定义（管理员；已保存的值保留为普通字段）',
    answers: { 204: { description: '已删除' }, ...adminFailures, 404: answers.notFound },
  },
];
