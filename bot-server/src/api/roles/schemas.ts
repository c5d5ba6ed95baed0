import { dataScopes, fieldAccesses } from '@kelian/orm';
import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, pageLimit } from '../customers/schemas.js';

// The shapes of the roles API. Which objects, verbs and fields exist is the domain's to say
// (domain/roles/definition.ts), with its own refusal codes: here only their form is checked.

const unknownKeys = { error: '不认识的字段' };
const name = z
  .string({ error: '请填写角色名称' })
  .trim()
  .min(1, '请填写角色名称')
  .max(100, '角色名称最长 100 个字');
const code = z
  .string({ error: '角色代码应为文字' })
  .regex(/^[a-z][a-z0-9_-]{1,49}$/, '角色代码应为 2–50 个小写字母、数字、- 或 _，以字母开头')
  .meta({ description: '给程序用的稳定代码；不填时自动生成' });
const scope = z
  .enum(dataScopes, {
    error: '数据范围应为 self（本人）、department（本部门）、department_tree（本部门及下级）或 all（全部）',
  })
  .meta({ description: 'self 本人、department 本部门、department_tree 本部门及下级、all 全部' });
const rights = z
  .record(z.string(), z.array(z.string({ error: '权限应为文字' }), { error: '权限应为列表' }), {
    error: 'rights 应为 对象 → 权限列表',
  })
  .meta({
    description:
      '对象（customer、lead、opportunity、task、settings）→ 允许的操作（read、edit、delete、claim、reassign、export 导出、approve 审批；settings 为 administer；每个对象可用哪些见 /api/roles/vocabulary）',
  });
const fieldRules = z
  .record(
    z.string(),
    z.record(
      z.string(),
      z.enum(fieldAccesses, { error: '字段权限应为 hidden、masked、readonly 或 editable' }),
    ),
    { error: 'fieldRules 应为 对象 → 字段 → 权限' },
  )
  .meta({
    description: '对象 → 字段 → hidden 隐藏、masked 脱敏、readonly 只读、editable 可编辑；未列出的字段可编辑',
  });

export const roleId = z.object({ id: idParam('角色编号应为正整数') });

export const roleCreate = z.strictObject(
  {
    name,
    code: code.optional(),
    // Optional in form so that a role without a scope gets the domain's own refusal and code.
    defaultScope: scope.optional().meta({ description: '新分配此角色时的数据范围（必填）' }),
    rights: rights.default({}),
    fieldRules: fieldRules.default({}),
  },
  unknownKeys,
);

// The code is for programs: it never changes once the role exists.
export const rolePatch = z.strictObject(
  {
    name: name.optional(),
    defaultScope: scope.optional(),
    rights: rights.optional(),
    fieldRules: fieldRules.optional(),
  },
  unknownKeys,
);

export const rolePreview = z.strictObject(
  {
    userId: idParam('用户编号应为正整数').meta({ description: '预览谁看到的：如张伟的用户编号' }),
    roleId: idParam('角色编号应为正整数').optional().meta({ description: '正在编辑的角色；新建角色时不填' }),
    defaultScope: scope.optional(),
    scope: scope.optional().meta({ description: '此人担任该角色的数据范围；不填时用其现有的，或角色默认的' }),
    rights: rights.default({}),
    fieldRules: fieldRules.default({}),
    customerId: idParam('客户编号应为正整数')
      .optional()
      .meta({ description: '预览哪位客户的详情；不填时为列表第一位' }),
  },
  unknownKeys,
);

export const personRoleParams = z.object({
  id: idParam('用户编号应为正整数'),
  roleId: idParam('角色编号应为正整数'),
});

export const personRoleBody = z.strictObject(
  {
    scope: scope.optional().meta({ description: '不填时为角色的默认数据范围' }),
    departmentId: idParam('部门编号应为正整数')
      .optional()
      .meta({ description: '部门范围以哪个部门为准；不填时为此人所在部门（随其调动）' }),
  },
  unknownKeys,
);

const yesNo = z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true');

export const peopleQuery = z.object({
  q: z
    .string({ error: '搜索词应为文字' })
    .trim()
    .min(1, '搜索词不能为空')
    .max(64, '搜索词不能超过 64 个字')
    .optional()
    .meta({ description: '姓名、手机号，或企业微信 / 钉钉 userid' }),
  departmentId: idParam('部门编号应为正整数').optional().meta({ description: '该部门及其下级部门的成员' }),
  roleId: idParam('角色编号应为正整数').optional().meta({ description: '担任该角色的人' }),
  withoutRole: yesNo.optional().meta({ description: 'true：尚无任何角色的人' }),
  active: yesNo.optional().meta({ description: 'true 在职，false 已离职；不填为全部' }),
  limit: pageLimit(50),
  cursor: cursorParam(z.object({ afterId: z.int().positive() })).optional(),
});
