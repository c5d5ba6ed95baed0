import Router from '@koa/router';
import { mayAtAll } from '../../domain/access/policy.js';
import { listProducts, productFor } from '../../domain/products/list.js';
import { createProduct, deactivateProduct, updateProduct } from '../../domain/products/products.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { productJsonOf } from './present.js';
import { productCreate, productId, productListQuery, productPatch } from './schemas.js';

// /api/products: the catalogue, read by everyone, written by whoever holds the product edit right.

export function productsRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const idOf = (ctx: ApiContext) => parseInput(productId, ctx.params).id;

  router.get('/products', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, limit, q, active } = parseInput(productListQuery, ctx.query);
    const page = await listProducts(orm.em.fork(), acting.access, { limit, after: cursor?.id, q, active });
    ctx.body = {
      items: page.products.map(productJsonOf),
      nextCursor: page.next === null ? null : encodeCursor({ id: page.next }),
      // The pages show 新建 and 编辑 only to whoever the server would let write.
      editable: mayAtAll(acting.access, 'product', 'edit'),
    };
  });

  router.post('/products', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const product = await createProduct(orm.em.fork(), acting, parseInput(productCreate, ctx.request.body));
    ctx.set('Location', `/api/products/${product.id}`);
    ctx.status = 201;
    ctx.body = productJsonOf(product);
  });

  router.get('/products/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = productJsonOf(await productFor(orm.em.fork(), acting.access, idOf(ctx)));
  });

  router.patch('/products/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const fields = parseInput(productPatch, ctx.request.body);
    ctx.body = productJsonOf(await updateProduct(orm.em.fork(), acting, idOf(ctx), fields));
  });

  router.post('/products/:id/deactivate', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = productJsonOf(await deactivateProduct(orm.em.fork(), acting, idOf(ctx)));
  });

  return router;
}
