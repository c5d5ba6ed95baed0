import Router from '@koa/router';
import { flowVersions } from '../../domain/approvals/flows.js';
import { parseInput } from '../../http/validate.js';
import { flowJsonOf } from '../approvals/present.js';
import { docTypeParam } from '../approvals/schemas.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';

// /api/approval-flows/:docType/versions: every version an administrator saved of one document
// type's flow, newest first, for reading in the flow editor (a run keeps the version it began on,
// so the older ones still decide what happens to approvals under way). Read-only: a new version is
// written by POST /api/approval-flows/:docType.

export function flowVersionsRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/approval-flows/:docType/versions', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { docType } = parseInput(docTypeParam, ctx.params);
    const flows = await flowVersions(orm.em.fork(), acting, docType);
    ctx.body = {
      items: flows.map((f) => ({
        ...flowJsonOf(f),
        createdBy: f.createdBy ? { id: f.createdBy.id, name: f.createdBy.name } : null,
      })),
    };
  });

  return router;
}
