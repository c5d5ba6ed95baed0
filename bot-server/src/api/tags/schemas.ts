import { z } from 'zod';
import { idParam } from '../customers/schemas.js';

const name = z.string({ error: '请填写名称' }).trim().min(1, '请填写名称').max(50, '名称最长 50 个字');
const color = z
  .string({ error: '颜色应为 #RRGGBB' })
  .regex(/^#[0-9a-fA-F]{6}$/, '颜色应为 #RRGGBB，例如 #1677ff')
  .nullable();
const unknownKeys = { error: '不认识的字段' };

export const tagGroupId = z.object({
  id: idParam('标签组编号应为正整数'),
});
export const tagId = z.object({
  id: idParam('标签编号应为正整数'),
});

export const tagCreate = z.strictObject({ name, color: color.optional() }, unknownKeys);

export const tagGroupCreate = z.strictObject(
  {
    name,
    exclusive: z.boolean({ error: '单选应为是或否' }).optional(),
    tags: z
      .array(tagCreate, { error: '请至少填写一个标签' })
      .min(1, '请至少填写一个标签')
      .max(100, '一组最多 100 个标签'),
  },
  unknownKeys,
);

export const tagGroupPatch = z.strictObject(
  { name: name.optional(), exclusive: z.boolean({ error: '单选应为是或否' }).optional() },
  unknownKeys,
);

export const tagPatch = z.strictObject({ name: name.optional(), color: color.optional() }, unknownKeys);

export const orderBody = z.strictObject(
  {
    ids: z
      .array(z.int({ error: '编号应为整数' }), { error: '请按新的顺序列出编号' })
      .max(1000, '最多 1000 个')
      .meta({ description: '全部的编号，按新的顺序' }),
  },
  unknownKeys,
);
