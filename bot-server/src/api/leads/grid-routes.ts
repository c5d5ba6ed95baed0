import Router from '@koa/router';
import { batchLeads, type LeadBatchChange } from '../../domain/leads/batch.js';
import { gridLeads } from '../../domain/leads/grid.js';
import { leadGridColumns } from '../../domain/leads/grid-columns.js';
import { leadGridRecord, leadRecord } from '../../domain/leads/record.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { columnsJson } from '../grid/columns.js';
import { outcomeJson } from '../grid/outcome.js';
import { gridQuery } from '../grid/schemas.js';
import { leadBatchBody } from './grid-schemas.js';

// The desktop grid of leads: its columns as the viewer may use them, a page sorted and filtered by
// any column, and one thing done to many leads at once. A cell edit is the lead's own PATCH: the
// same rules, the same refusals.

export function leadGridRouter({ orm, notifier, messenger }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/leads/grid/columns', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    ctx.body = { items: columnsJson(access, 'lead', await leadGridColumns(orm.em), { editRight: true }) };
  });

  router.get('/leads/grid', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, filters, ...query } = parseInput(gridQuery, ctx.query);
    const page = await gridLeads(orm.em, acting, {
      ...query,
      filters: filters ?? [],
      ...(cursor && { after: { value: cursor.value, id: cursor.id } }),
    });
    ctx.body = {
      items: page.rows.map((lead) => leadGridRecord(acting.access, lead)),
      nextCursor: page.next ? encodeCursor({ sort: query.sort, ...page.next }) : null,
    };
  });

  router.post('/leads/batch', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { ids, ownerId, release, invalid } = parseInput(leadBatchBody, ctx.request.body);
    const change: LeadBatchChange =
      ownerId !== undefined ? { ownerId } : release ? { release } : { invalid: invalid as string };
    const outcome = await batchLeads(orm.em.fork(), acting, ids, change, { notifier, messenger });
    ctx.body = outcomeJson(outcome, (row) => leadRecord(acting.access, row).company);
  });

  return router;
}
