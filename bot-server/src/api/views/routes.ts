import type { SavedView } from '@kelian/orm';
import Router from '@koa/router';
import { createView, deleteView, listViews, updateView } from '../../domain/views/views.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { viewCreate, viewId, viewObjectQuery, viewPatch } from '../customers/grid-schemas.js';
import type { ApiDeps, ApiState } from '../deps.js';

// /api/views: the signed-in person's own saved views of a grid (columns, order, sort, filters).

const viewJson = (v: SavedView) => ({
  id: v.id,
  object: v.object,
  name: v.name,
  columns: v.columns,
  sort: v.sort,
  filters: v.filters,
  updatedAt: v.updatedAt,
});

export function viewsRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/views', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { object } = parseInput(viewObjectQuery, ctx.query);
    ctx.body = { items: (await listViews(orm.em, acting, object)).map(viewJson) };
  });

  router.post('/views', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { object, ...input } = parseInput(viewCreate, ctx.request.body);
    const view = await createView(orm.em, acting, object, input);
    ctx.status = 201;
    ctx.set('Location', `/api/views/${view.id}`);
    ctx.body = viewJson(view);
  });

  router.patch('/views/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(viewId, ctx.params);
    ctx.body = viewJson(await updateView(orm.em, acting, id, parseInput(viewPatch, ctx.request.body)));
  });

  router.delete('/views/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteView(orm.em, acting, parseInput(viewId, ctx.params).id);
    ctx.status = 204;
  });

  return router;
}
