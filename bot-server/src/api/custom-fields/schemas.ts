import { customFieldObjects, customFieldTypes } from '@kelian/orm';
import { z } from 'zod';
import { idParam } from '../customers/schemas.js';

const label = z
  .string({ error: '请填写字段名称' })
  .trim()
  .min(1, '请填写字段名称')
  .max(50, '字段名称最长 50 个字');
const options = z
  .array(z.string().trim().min(1, '选项不能为空').max(50, '选项最长 50 个字'), { error: '选项应为文字列表' })
  .max(100, '选项最多 100 个');
const position = z.int({ error: '排序应为整数' }).min(0, '排序应为非负整数').max(10_000, '排序最大 10000');

export const definitionId = z.object({
  id: idParam('字段编号应为正整数'),
});

export const definitionQuery = z.object({
  object: z.enum(customFieldObjects, { error: '对象只能是 customer、lead 或 opportunity' }).optional(),
});

export const definitionCreate = z.strictObject(
  {
    object: z.enum(customFieldObjects, { error: '对象只能是 customer、lead 或 opportunity' }),
    key: z
      .string({ error: '请填写字段键' })
      .regex(
        /^[\p{L}_][\p{L}\p{N}_]{0,49}$/u,
        '字段键只能包含文字、数字和下划线，不以数字开头，最长 50 个字',
      ),
    label,
    type: z.enum(customFieldTypes, { error: '类型只能是 text、number、date、select 或 multi_select' }),
    options: options.optional(),
    required: z.boolean({ error: '必填应为是或否' }).optional(),
    position: position.optional(),
  },
  { error: '不认识的字段' },
);

export const definitionPatch = z.strictObject(
  {
    label: label.optional(),
    type: z
      .enum(customFieldTypes, { error: '类型只能是 text、number、date、select 或 multi_select' })
      .optional()
      .meta({ description: '已保存的值都符合新类型时才能修改' }),
    options: options.optional(),
    required: z.boolean({ error: '必填应为是或否' }).optional(),
    position: position.optional(),
  },
  { error: '不认识的字段（字段键创建后不能修改）' },
);

export const definitionJson = z.object({
  id: z.int(),
  object: z.enum(customFieldObjects),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.int(),
});

export const definitionList = z.object({ items: z.array(definitionJson) });
