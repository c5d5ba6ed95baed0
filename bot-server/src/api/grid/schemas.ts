import { z } from 'zod';
import { filterOps } from '../../domain/grid/columns.js';
import { cursorParam } from '../customers/cursor.js';
import { cursorOfSort, maxId, pageLimit, recordId, searchText, unknownKeys } from '../customers/schemas.js';

// The requests every grid shares (/api/customers/grid, /api/leads/grid, saved views): a page's
// sort, filters and cursor, and a selection of rows. Columns, sorts and filters are checked against
// the grid's columns by the domain, which knows the custom fields; here only their shape.

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

export const filterList = z
  .array(gridFilter, { error: 'filters 应为筛选条件的列表' })
  .max(30, '筛选条件最多 30 个');

export const sortParam = z
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

/** A selection of rows (or of tags…), named by `label` in its messages. */
export const idList = (label: string, max: number) =>
  z
    .array(recordId(`${label}应为正整数编号`), { error: `${label}应为编号的列表` })
    .min(1, `请至少选择一个${label}`)
    .max(max, `一次最多 ${max} 个${label}`);
