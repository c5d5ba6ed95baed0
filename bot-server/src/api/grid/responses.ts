import { z } from 'zod';
import { filterOps } from '../../domain/grid/columns.js';

// The answers every grid shares, for the OpenAPI document: its columns as the viewer may use them,
// and a batch change's outcome.

const types = Object.keys(filterOps) as [keyof typeof filterOps, ...(keyof typeof filterOps)[]];

export const gridColumns = z.object({
  items: z.array(
    z.object({
      key: z.string().meta({ description: '列名：字段名，或自定义字段 cf.<key>' }),
      label: z.string(),
      type: z.enum(types),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      sortable: z.boolean(),
      filterOps: z.array(z.string()),
      editable: z
        .boolean()
        .meta({ description: '字段规则允许当前用户修改这一列（每行是否可改见该行的 fieldAccess）' }),
      masked: z.boolean().meta({ description: '当前用户看到的是脱敏后的值' }),
    }),
  ),
});

/** A batch's outcome, its rows named by `noun` (客户, 线索) and `name` (their name field). */
export const batchOutcomeOf = (noun: string, name: string) =>
  z.object({
    changed: z.array(z.int()).meta({ description: `已按要求修改的${noun}编号（含原本就是这样的）` }),
    skipped: z
      .array(
        z.object({
          id: z.int(),
          name: z
            .string()
            .optional()
            .meta({ description: `${name}；看不到的${noun}没有` }),
          reason: z.string(),
        }),
      )
      .meta({ description: `未修改的${noun}及原因（不在权限范围内等），它们保持原样` }),
  });
