import { z } from 'zod';
import { cursorParam } from '../customers/cursor.js';
import { idParam, maxId, pageLimit, unknownKeys } from '../customers/schemas.js';
import { timestamp } from '../openapi/common.js';

export const productId = z.object({ id: idParam('产品编号应为正整数') });

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`);
const required = (label: string, max: number) => text(label, max).min(1, `请填写${label}`);
// Any number passes here: the domain refuses a negative or fractional price, or a floor above the
// list price, with its own code whichever door it came through.
const cents = (label: string) =>
  z.number({ error: `${label}应为数字（单位：分）` }).meta({ description: `${label}，以分计的整数` });

const fields = {
  sku: required('SKU', 64),
  name: required('产品名称', 200),
  specification: text('规格', 200),
  unit: required('单位', 20),
  listPriceCents: cents('标准价'),
  floorPriceCents: cents('底价'),
  category: text('分类', 50),
};

export const productCreate = z.strictObject(
  { ...fields, specification: fields.specification.optional(), category: fields.category.optional() },
  unknownKeys,
);

export const productPatch = z.strictObject(
  {
    sku: fields.sku.optional(),
    name: fields.name.optional(),
    specification: fields.specification.optional(),
    unit: fields.unit.optional(),
    listPriceCents: fields.listPriceCents.optional(),
    floorPriceCents: fields.floorPriceCents.optional(),
    category: fields.category.optional(),
    active: z.boolean({ error: 'active 应为 true 或 false' }).optional(),
  },
  unknownKeys,
);

export const productListQuery = z.object({
  q: z.string().trim().max(100, '搜索词不能超过 100 个字').optional(),
  active: z
    .enum(['true', 'false'], { error: 'active 应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  limit: pageLimit(20),
  cursor: cursorParam(z.object({ id: z.int().positive().max(maxId) })).optional(),
});

export const productJson = z.object({
  id: z.int(),
  sku: z.string(),
  name: z.string(),
  specification: z.string(),
  unit: z.string(),
  listPriceCents: z.int(),
  floorPriceCents: z.int(),
  category: z.string(),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const productPage = z.object({
  items: z.array(productJson),
  nextCursor: z.string().nullable(),
  editable: z.boolean().meta({ description: '当前用户是否有产品编辑权限（新建、修改、停用）' }),
});
