import { savedViewObjects } from '@kelian/orm';
import { z } from 'zod';
import { filterOps } from '../../domain/customers/grid/columns.js';
import { cursorParam } from './cursor.js';
import { cursorOfSort, idParam, maxId, pageLimit, recordId, searchText, unknownKeys } from './schemas.js';

// The requests of the desktop grid (/api/customers/grid, /api/customers/batch) and of saved views
// (/api/views). Columns, sorts and filters are checked against the grid's columns by the domain,
// which knows the custom fields; here only their shape.

const ops = [...new Set(Object.values(filterOps).flat())] as [string, ...string[]];

export const gridFilter = z.strictObject(
  {
    column: z.string({ error: 'column 应为列名' }).min(1).max(60, '列名过长'),
    op: z.enum(ops, { error: `op 只能是 ${ops.join('、')}` }),
    value: z
      .union([z.string().max(200), z.number(), z.array(z.union([z.string().max(200), z.number()])).max(50)])
      .optional(),
  },
  unknownKeys,
);

const filterList = z.array(gridFilter, { error: 'filters 应为筛选条件的列表' }).max(30, '筛选条件最多 30 个');

const sortParam = z
  .string({ error: 'sort 应为列名，降序在前面加 -' })
  .min(1)
  .max(80)
  .meta({ description: '列名，升序；前加 - 为降序，例如 -updatedAt、level、cf.预算' });

const gridPosition = z.object({
  sort: z.string(),
  value: z.string().max(300),
  id: z.int().positive().max(maxId),
});

const filtersJson = z
  .string({ error: 'filters 应为 JSON 数组' })
  .transform((v, ctx) => {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'filters 应为 JSON 数组，例如 [{"column":"level","op":"eq","value":"A"}]',
      });
      return z.NEVER;
    }
  })
  .pipe(filterList);

export const gridQuery = z
  .object({
    q: searchText.optional(),
    filters: filtersJson.optional().meta({
      description:
        '列筛选，JSON 数组：[{"column":"level","op":"eq","value":"A"}]；op 为 contains、eq、in、gte、lte、empty、has',
    }),
    sort: sortParam.default('-updatedAt'),
    limit: pageLimit(50),
    cursor: cursorParam(gridPosition).optional(),
  })
  .superRefine(cursorOfSort);

const idList = (label: string, max: number) =>
  z
    .array(recordId(`${label}应为正整数编号`), { error: `${label}应为编号的列表` })
    .min(1, `请至少选择一个${label}`)
    .max(max, `一次最多 ${max} 个${label}`);

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
