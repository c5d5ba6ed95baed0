import type { Product } from '@kelian/orm';
import type { z } from 'zod';
import type { productJson } from './schemas.js';

export const productJsonOf = (p: Product): z.infer<typeof productJson> => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  specification: p.specification,
  unit: p.unit,
  listPriceCents: p.listPriceCents,
  floorPriceCents: p.floorPriceCents,
  category: p.category,
  active: p.active,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});
