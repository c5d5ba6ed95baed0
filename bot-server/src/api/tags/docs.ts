import { z } from 'zod';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  orderBody,
  tagCreate,
  tagGroupCreate,
  tagGroupId,
  tagGroupPatch,
  tagId,
  tagPatch,
} from './schemas.js';

const tagJson = z.object({
  id: z.int(),
  name: z.string(),
  color: z.string().nullable(),
  synced: z
    .boolean()
    .meta({ description: '已是企业微信的企业客户标签（同步的组中新加的标签在同步完成前为 false）' }),
});
const tagGroupJson = z.object({
  id: z.int(),
  name: z.string(),
  exclusive: z.boolean().meta({ description: '每个客户在该组只能有一个标签' }),
  fromWeCom: z.boolean().meta({ description: '与企业微信的企业客户标签同步' }),
  tags: z.array(tagJson),
});
export const tagGroupList = z.object({ items: z.array(tagGroupJson) });

const base = { tag: '标签', signedIn: true } as const;
const adminFailures = { 400: answers.invalid, 401: answers.unauthenticated, 403: answers.forbidden } as const;
const group = { description: '标签组', schema: tagGroupJson };
const tag = { description: '标签', schema: tagJson };
const order = '顺序只在客联中生效（筛选与打标签时的排列），企业微信中的顺序不变。';
const mirrored = '与企业微信同步的标签组会在企业微信中同样修改。';

export const tagsDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/tag-groups',
    summary: '标签组与标签（筛选与打标签时可选），按排序排列；企业微信的企业客户标签自动同步进来',
    answers: { 200: { description: '标签组列表', schema: tagGroupList }, 401: answers.unauthenticated },
  },
  {
    ...base,
    method: 'post',
    path: '/tag-groups',
    summary: '新建标签组及其标签（管理员）',
    description: '配置了企业微信时，同时在企业微信中创建为企业客户标签。',
    body: tagGroupCreate,
    answers: { 201: group, ...adminFailures },
  },
  {
    ...base,
    method: 'put',
    path: '/tag-groups/order',
    summary: '调整标签组的顺序（管理员）：按新顺序列出全部标签组',
    description: order,
    body: orderBody,
    answers: { 200: { description: '标签组列表', schema: tagGroupList }, ...adminFailures },
  },
  {
    ...base,
    method: 'put',
    path: '/tag-groups/:id/tags/order',
    params: tagGroupId,
    summary: '调整组内标签的顺序（管理员）：按新顺序列出该组全部标签',
    description: order,
    body: orderBody,
    answers: { 200: group, ...adminFailures, 404: answers.notFound },
  },
  {
    ...base,
    method: 'patch',
    path: '/tag-groups/:id',
    params: tagGroupId,
    summary: '重命名标签组或设置单选（管理员）',
    description: mirrored,
    body: tagGroupPatch,
    answers: { 200: group, ...adminFailures, 404: answers.notFound },
  },
  {
    ...base,
    method: 'delete',
    path: '/tag-groups/:id',
    params: tagGroupId,
    summary: '删除标签组及其标签，客户上的这些标签一并去掉（管理员）',
    description: mirrored,
    answers: { 204: { description: '已删除' }, ...adminFailures, 404: answers.notFound },
  },
  {
    ...base,
    method: 'post',
    path: '/tag-groups/:id/tags',
    params: tagGroupId,
    summary: '在标签组中添加标签（管理员）',
    description: mirrored,
    body: tagCreate,
    answers: { 201: tag, ...adminFailures, 404: answers.notFound },
  },
  {
    ...base,
    method: 'patch',
    path: '/tags/:id',
    params: tagId,
    summary: '重命名标签或修改颜色（管理员）',
    description: mirrored,
    body: tagPatch,
    answers: { 200: tag, ...adminFailures, 404: answers.notFound },
  },
  {
    ...base,
    method: 'delete',
    path: '/tags/:id',
    params: tagId,
    summary: '删除标签，客户上的这个标签一并去掉（管理员）',
    description: mirrored,
    answers: { 204: { description: '已删除' }, ...adminFailures, 404: answers.notFound },
  },
];
