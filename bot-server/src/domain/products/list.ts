import { type Product, ProductSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { NotVisibleError } from '../access/errors.js';
import { requireRight } from '../access/policy.js';
import { containsPattern } from '../lists/contains.js';

// Reading the catalogue: everyone with the product read right (every built-in role) sees all of
// it; a keyset page on id, searched by a piece of the name or the SKU.

export async function listProducts(
  em: EntityManager,
  access: Access,
  query: { limit: number; after?: number | undefined; q?: string | undefined; active?: boolean | undefined },
): Promise<{ products: Product[]; next: number | null }> {
  requireRight(access, 'product', 'read');
  const where: FilterQuery<Product>[] = [];
  if (query.after !== undefined) where.push({ id: { $gt: query.after } });
  if (query.active !== undefined) where.push({ active: query.active });
  if (query.q) {
    const pattern = containsPattern(query.q);
    where.push({ $or: [{ name: { $ilike: pattern } }, { sku: { $ilike: pattern } }] });
  }
  const rows = await em.find(
    ProductSchema,
    { $and: where },
    { orderBy: { id: 'asc' }, limit: query.limit + 1 },
  );
  const products = rows.slice(0, query.limit);
  return { products, next: rows.length > query.limit ? (products.at(-1)?.id ?? null) : null };
}

export async function productFor(em: EntityManager, access: Access, id: number): Promise<Product> {
  requireRight(access, 'product', 'read');
  const product = await em.findOne(ProductSchema, { id });
  if (!product) throw new NotVisibleError('product');
  return product;
}
