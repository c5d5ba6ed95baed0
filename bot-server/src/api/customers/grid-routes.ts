import Router from '@koa/router';
import { batchCustomers } from '../../domain/customers/grid/batch.js';
import { customerGridColumns } from '../../domain/customers/grid/columns.js';
import { gridCustomers } from '../../domain/customers/grid/grid.js';
import { presentCustomer } from '../../domain/customers/records.js';
import { parseInput } from '../../http/validate.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { columnsJson } from '../grid/columns.js';
import { outcomeJson } from '../grid/outcome.js';
import { gridQuery } from '../grid/schemas.js';
import { actingOf } from './acting.js';
import { encodeCursor } from './cursor.js';
import { batchBody } from './grid-schemas.js';
import { customerJson } from './present.js';

// The desktop grid of customers: its columns as the viewer may use them, a page sorted and
// filtered by any column, and changes to many customers at once. A cell edit is the customer's own
// PATCH (or PUT owner): the same rules, the same refusals.

export function customerGridRouter({ orm, messenger, tagMirror }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/customers/grid/columns', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const columns = await customerGridColumns(orm.em);
    ctx.body = { items: columnsJson(access, 'customer', columns) };
  });

  router.get('/customers/grid', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const { cursor, filters, ...query } = parseInput(gridQuery, ctx.query);
    const page = await gridCustomers(orm.em, access, {
      ...query,
      filters: filters ?? [],
      ...(cursor && { after: { value: cursor.value, id: cursor.id } }),
    });
    ctx.body = {
      items: page.customers.map(({ customer, changeable }) => customerJson(access, customer, changeable)),
      nextCursor: page.next ? encodeCursor({ sort: query.sort, ...page.next }) : null,
    };
  });

  router.post('/customers/batch', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { ids, delete: toBin, ...edit } = parseInput(batchBody, ctx.request.body);
    const change = toBin ? ({ delete: true } as const) : edit;
    const outcome = await batchCustomers(orm.em, acting, ids, change, { messenger, tagMirror });
    ctx.body = outcomeJson(
      outcome,
      (customer) => presentCustomer(acting.access, customer, false).values.name,
    );
  });

  return router;
}
