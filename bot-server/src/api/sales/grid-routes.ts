import Router from '@koa/router';
import { cardNotices } from '../../domain/approvals/notices.js';
import { batchDeals } from '../../domain/sales/grid/batch.js';
import { dealGridColumns } from '../../domain/sales/grid/columns.js';
import { gridDeals } from '../../domain/sales/grid/grid.js';
import { presentOpportunity } from '../../domain/sales/records.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { columnsJson } from '../grid/columns.js';
import { outcomeJson } from '../grid/outcome.js';
import { gridQuery } from '../grid/schemas.js';
import { dealBatchBody } from './grid-schemas.js';

// The desktop grid of deals: its columns as the viewer may use them, a page sorted and filtered by
// any column, and changes to many deals at once. A cell edit is the deal's own PATCH, or its stage
// move (POST /opportunities/:id/stage): the same rules, the same refusals.

export function dealGridRouter({ orm, messenger, notifier, approvalTodos }: ApiDeps): Router<ApiState> {
  const approvals = cardNotices(notifier, approvalTodos);
  const router = new Router<ApiState>();

  router.get('/opportunities/grid/columns', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    ctx.body = { items: columnsJson(access, 'opportunity', await dealGridColumns(orm.em.fork())) };
  });

  router.get('/opportunities/grid', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const { cursor, filters, ...query } = parseInput(gridQuery, ctx.query);
    const page = await gridDeals(orm.em.fork(), access, {
      ...query,
      filters: filters ?? [],
      ...(cursor && { after: { value: cursor.value, id: cursor.id } }),
    });
    ctx.body = {
      items: page.rows.map((deal) => ({
        ...presentOpportunity(access, deal),
        customFields: deal.customFields,
      })),
      nextCursor: page.next ? encodeCursor({ sort: query.sort, ...page.next }) : null,
    };
  });

  router.post('/opportunities/batch', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { ids, delete: toBin, ...edit } = parseInput(dealBatchBody, ctx.request.body);
    const change = toBin ? ({ delete: true } as const) : edit;
    const outcome = await batchDeals(orm.em.fork(), acting, ids, change, { messenger, notifier, approvals });
    ctx.body = outcomeJson(outcome, (row) => presentOpportunity(acting.access, row).name);
  });

  return router;
}
