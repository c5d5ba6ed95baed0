import { type Product, ProductSchema } from '@kelian/orm';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { requireRight } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { checkPrices } from './rules.js';

// Writing the catalogue: whoever holds the product edit right (admins, a product manager's role)
// creates, edits and deactivates products; everyone else reads them. A product is never deleted:
// quotes and contracts keep pointing at it.

export interface ProductFields {
  sku?: string;
  name?: string;
  specification?: string;
  unit?: string;
  listPriceCents?: number;
  floorPriceCents?: number;
  category?: string;
  active?: boolean;
}

export type NewProduct = ProductFields & {
  sku: string;
  name: string;
  unit: string;
  listPriceCents: number;
  floorPriceCents: number;
};

export const productSnapshot = (p: Product) => ({
  sku: p.sku,
  name: p.name,
  specification: p.specification,
  unit: p.unit,
  listPriceCents: p.listPriceCents,
  floorPriceCents: p.floorPriceCents,
  category: p.category,
  active: p.active,
});

/** Runs `write`, answering a taken SKU as the refusal it is. */
async function skuChecked<T>(sku: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new RefusedError('product-sku-taken', { sku: sku ?? '' });
    throw error;
  }
}

export function createProduct(em: EntityManager, acting: Acting, input: NewProduct): Promise<Product> {
  requireRight(acting.access, 'product', 'edit');
  checkPrices(input);
  return skuChecked(input.sku, () =>
    em.transactional(async (tx) => {
      const product = tx.create(ProductSchema, input);
      await auditCreated(tx, acting, 'product', product, productSnapshot);
      return product;
    }),
  );
}

export function updateProduct(
  em: EntityManager,
  acting: Acting,
  id: number,
  fields: ProductFields,
): Promise<Product> {
  requireRight(acting.access, 'product', 'edit');
  return skuChecked(fields.sku, () =>
    em.transactional(async (tx) => {
      const product = await tx.findOne(ProductSchema, { id });
      if (!product) throw new NotVisibleError('product');
      checkPrices({
        listPriceCents: fields.listPriceCents ?? product.listPriceCents,
        floorPriceCents: fields.floorPriceCents ?? product.floorPriceCents,
      });
      const before = productSnapshot(product);
      tx.assign(product, fields);
      audit(tx, acting, {
        action: 'update',
        objectType: 'product',
        objectId: id,
        changes: changesBetween(before, productSnapshot(product)),
      });
      await tx.flush();
      return product;
    }),
  );
}

/** Out of the catalogue for new quotes; existing quotes and contracts keep it. */
export const deactivateProduct = (em: EntityManager, acting: Acting, id: number): Promise<Product> =>
  updateProduct(em, acting, id, { active: false });
