import { dataScopes, fieldAccesses } from '@kelian/orm';
import { z } from 'zod';
import { customerSummary, customerView } from '../customers/responses.js';
import { answers, person } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import {
  peopleQuery,
  personRoleBody,
  personRoleParams,
  roleCreate,
  roleId,
  rolePatch,
  rolePreview,
} from './schemas.js';

export const roleJson = z.object({
  id: z.int(),
  code: z.string(),
  name: z.string(),
  builtIn: z.boolean().meta({ description: '内置角色不能删除' }),
  defaultScope: z.enum(dataScopes),
  rights: z.record(z.string(), z.array(z.string())),
  fieldRules: z.record(z.string(), z.record(z.string(), z.enum(fieldAccesses))),
  holders: z.int().meta({ description: '担任此角色的在职人数' }),
});
export const roleList = z.object({ items: z.array(roleJson) });

const named = z.object({ id: z.int(), name: z.string() });
export const personJson = z.object({
  id: z.int(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  active: z.boolean().meta({ description: 'false：已离职（通讯录中已没有此人）' }),
  department: named.nullable(),
  identities: z.object({ wecom: z.string().nullable(), dingtalk: z.string().nullable() }),
  mergedIntoId: z
    .int()
    .nullable()
    .meta({ description: '已合并到的账号（其企业微信 / 钉钉身份与数据都已转到那里）；null：未合并' }),
  roles: z.array(
    z.object({
      role: z.object({ id: z.int(), code: z.string(), name: z.string() }),
      scope: z.enum(dataScopes),
      department: named.nullable().meta({ description: '部门范围所依据的部门；null 为此人所在部门' }),
    }),
  ),
});
export const peoplePage = z.object({ items: z.array(personJson), nextCursor: z.string().nullable() });

export const previewJson = z.object({
  user: person,
  customers: z
    .array(customerSummary)
    .meta({ description: '此人在这些规则下看到的客户列表（最近更新的前 10 位）' }),
  customer: customerView.nullable().meta({ description: '此人看到的客户详情；null：此人看不到该客户' }),
});

const base = { tag: '角色与权限', signedIn: true } as const;
const adminOnly = { 401: answers.unauthenticated, 403: answers.forbidden } as const;
const conflict = {
  description:
    '与现有数据冲突（type 为 role-name-taken、role-code-taken、role-built-in、role-in-use、last-administrator），什么都没有改变',
  schema: answers.invalid.schema,
  problem: true,
};
const badRules = {
  ...answers.invalid,
  description:
    '请求内容有误（type 为 invalid-request，或 role-scope-missing、role-object-unknown、role-verb-unknown、role-field-unknown），什么都没有改变',
};

const labelled = z.object({ value: z.string(), label: z.string() });
export const vocabularyJson = z.object({
  scopes: z.array(labelled),
  rights: z.array(
    z.object({
      object: z.string(),
      label: z.string(),
      verbs: z.array(z.object({ verb: z.string(), label: z.string() })),
    }),
  ),
  fieldAccesses: z.array(labelled),
  fields: z.array(
    z.object({
      object: z.string(),
      label: z.string(),
      fields: z.array(z.object({ field: z.string(), label: z.string() })),
    }),
  ),
});

export const departmentList = z.object({
  items: z.array(
    z.object({
      id: z.int(),
      name: z.string(),
      parentId: z.int().nullable(),
      depth: z.int().meta({ description: '层级，最上层为 0' }),
      members: z.int().meta({ description: '直属在职人数' }),
    }),
  ),
});

export const rolesDocs: RouteDoc[] = [
  {
    ...base,
    method: 'get',
    path: '/roles',
    summary: '全部角色及其数据范围、操作权限与字段权限（管理员）',
    answers: { 200: { description: '角色列表', schema: roleList }, ...adminOnly },
  },
  {
    ...base,
    method: 'get',
    path: '/roles/vocabulary',
    summary: '角色可设置的内容及其中文名称：数据范围、各对象的操作权限、可设置字段权限的字段（管理员）',
    answers: { 200: { description: '角色编辑器的词汇', schema: vocabularyJson }, ...adminOnly },
  },
  {
    ...base,
    method: 'post',
    path: '/roles',
    summary: '新建自定义角色（管理员）',
    description: '必须选择数据范围；字段权限只能设置已有字段。',
    body: roleCreate,
    answers: { 201: { description: '新角色', schema: roleJson }, 400: badRules, ...adminOnly, 409: conflict },
  },
  {
    ...base,
    method: 'post',
    path: '/roles/preview',
    summary: '预览：某人在角色未保存的规则下看到的客户列表与客户详情（管理员）',
    description: '与此人实际使用时完全相同的权限判断与脱敏；不保存任何内容。',
    body: rolePreview,
    answers: {
      200: { description: '预览', schema: previewJson },
      400: badRules,
      ...adminOnly,
      404: answers.notFound,
    },
  },
  {
    ...base,
    method: 'patch',
    path: '/roles/:id',
    params: roleId,
    summary: '修改角色的名称、默认数据范围、操作权限或字段权限（管理员；代码不可修改）',
    description: '担任者下一次请求即按新规则；各人的数据范围不变（在分配角色时设置）。',
    body: rolePatch,
    answers: {
      200: { description: '修改后的角色', schema: roleJson },
      400: badRules,
      ...adminOnly,
      404: answers.notFound,
      409: conflict,
    },
  },
  {
    ...base,
    method: 'delete',
    path: '/roles/:id',
    params: roleId,
    summary: '删除无人担任的自定义角色（管理员）',
    answers: { 204: { description: '已删除' }, ...adminOnly, 404: answers.notFound, 409: conflict },
  },
  {
    ...base,
    method: 'get',
    path: '/admin/users',
    summary: '全部人员（含已离职）：部门、企业微信 / 钉钉账号与角色，按编号排序（管理员）',
    query: peopleQuery,
    answers: { 200: { description: '一页人员', schema: peoplePage }, 400: answers.invalid, ...adminOnly },
  },
  {
    ...base,
    method: 'get',
    path: '/admin/departments',
    summary: '组织架构：每个部门排在其上级之后，同级按平台中的顺序（管理员；筛选人员、指定部门范围时选用）',
    answers: { 200: { description: '部门列表', schema: departmentList }, ...adminOnly },
  },
  {
    ...base,
    method: 'put',
    path: '/admin/users/:id/roles/:roleId',
    params: personRoleParams,
    summary: '为此人分配角色，或修改其数据范围（管理员）',
    body: personRoleBody,
    answers: {
      200: { description: '此人及其角色', schema: personJson },
      400: badRules,
      ...adminOnly,
      404: answers.notFound,
    },
  },
  {
    ...base,
    method: 'delete',
    path: '/admin/users/:id/roles/:roleId',
    params: personRoleParams,
    summary: '移除此人的角色（管理员；不能移除最后一位管理员）',
    answers: {
      200: { description: '此人及其角色', schema: personJson },
      ...adminOnly,
      404: answers.notFound,
      409: conflict,
    },
  },
];
