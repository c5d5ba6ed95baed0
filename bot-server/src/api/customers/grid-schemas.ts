import { savedViewObjects } from '@kelian/orm';
import { z } from 'zod';
import { filterList, idList, sortParam } from '../grid/schemas.js';
import { idParam, recordId, unknownKeys } from './schemas.js';

// The customers grid's batch change (/api/customers/batch) and saved views (/api/views); the page's
// query is every grid's (grid/schemas.ts).

export const batchBody = z
  .strictObject(
    {
      ids: idList('客户', 1000),
      delete: z.literal(true, { error: 'delete 只能是 true' }).optional(),
      ownerId: recordId('ownerId 应为用户编号，或 null 表示退回公海').nullable().optional(),
      level: z
        .string({ error: '等级应为文字' })
        .trim()
        .max(20, '等级不能超过 20 个字')
        .transform((v) => (v === '' ? null : v))
        .nullable()
        .optional(),
      addTagIds: idList('标签', 50).optional(),
      removeTagIds: idList('标签', 50).optional(),
    },
    unknownKeys,
  )
  .superRefine((body, ctx) => {
    const edits = ['ownerId', 'level', 'addTagIds', 'removeTagIds'].filter(
      (k) => body[k as keyof typeof body] !== undefined,
    );
    if (body.delete && edits.length > 0)
      ctx.addIssue({ code: 'custom', path: ['delete'], message: '批量删除时不能同时修改字段' });
    if (!body.delete && edits.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: '请选择要批量修改的内容：负责人、等级或标签，或批量删除',
      });
  });

export const viewObjectQuery = z.object({
  object: z.enum(savedViewObjects, { error: `object 只能是 ${savedViewObjects.join('、')}` }),
});

const viewFields = {
  name: z
    .string({ error: '请填写视图名称' })
    .trim()
    .min(1, '请填写视图名称')
    .max(50, '视图名称不能超过 50 个字'),
  columns: z
    .array(z.string().min(1).max(60), { error: 'columns 应为列名的列表' })
    .min(1, '请至少选择一列')
    .max(100, '列最多 100 个')
    .refine((cols) => new Set(cols).size === cols.length, '列不能重复'),
  sort: sortParam,
  filters: filterList,
};

export const viewCreate = z.strictObject(
  { object: viewObjectQuery.shape.object, ...viewFields, filters: filterList.default([]) },
  unknownKeys,
);

export const viewPatch = z
  .strictObject(
    {
      name: viewFields.name.optional(),
      columns: viewFields.columns.optional(),
      sort: viewFields.sort.optional(),
      filters: viewFields.filters.optional(),
    },
    unknownKeys,
  )
  .refine((patch) => Object.keys(patch).length > 0, '请至少提供一个要修改的字段');

export const viewId = z.object({ id: idParam('视图编号应为正整数') });
