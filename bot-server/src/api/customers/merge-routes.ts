import Router from '@koa/router';
import { duplicatesOf, mergeCustomer } from '../../domain/customers/merge.js';
import { customerView } from '../../domain/customers/view.js';
import { parseInput } from '../../http/validate.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { actingOf } from './acting.js';
import { mergeBody } from './merge-schemas.js';
import { customerJson, customerViewJson } from './present.js';
import { customerId } from './schemas.js';

// Duplicate customers and their merge.

export function mergeCustomersRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/customers/:id/duplicates', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const { id } = parseInput(customerId, ctx.params);
    const candidates = await duplicatesOf(orm.em, access, id);
    ctx.body = {
      items: candidates.map(({ customer, changeable, match }) => ({
        ...customerJson(access, customer, changeable),
        match,
      })),
    };
  });

  router.post('/customers/:id/merge', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(customerId, ctx.params);
    const { intoId } = parseInput(mergeBody, ctx.request.body);
    await mergeCustomer(orm.em, acting, id, intoId);
    ctx.body = customerViewJson(acting.access, await customerView(orm.em.fork(), acting.access, intoId));
  });

  return router;
}
