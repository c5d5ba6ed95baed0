import { savedViewObjects } from '@kelian/orm';
import { z } from 'zod';
import { filterOps } from '../../domain/customers/grid/columns.js';
import { timestamp } from '../openapi/common.js';
import { gridFilter } from './grid-schemas.js';

// The answers of the desktop grid and saved views, for the OpenAPI document.

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

export const batchOutcome = z.object({
  changed: z.array(z.int()).meta({ description: '已按要求修改的客户编号（含原本就是这样的）' }),
  skipped: z
    .array(
      z.object({
        id: z.int(),
        name: z.string().optional().meta({ description: '客户名称；看不到的客户没有' }),
        reason: z.string(),
      }),
    )
    .meta({ description: '未修改的客户及原因（不在权限范围内等），它们保持原样' }),
});

export const savedView = z.object({
  id: z.int(),
  object: z.enum(savedViewObjects),
  name: z.string(),
  columns: z.array(z.string()),
  sort: z.string(),
  filters: z.array(gridFilter),
  updatedAt: timestamp,
});
