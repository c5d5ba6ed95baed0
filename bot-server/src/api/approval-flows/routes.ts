import { ApprovalFlowSchema } from '@kelian/orm';
import Router from '@koa/router';
import { requireAdministration } from '../../domain/access/policy.js';
import { documentType } from '../../domain/approvals/document-types.js';
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
    requireAdministration(acting, 'approvalFlows');
    const { docType } = parseInput(docTypeParam, ctx.params);
    documentType(docType);
    const flows = await orm.em
      .fork()
      .find(ApprovalFlowSchema, { docType }, { orderBy: { version: 'desc' }, populate: ['createdBy'] });
    ctx.body = {
      items: flows.map((f) => ({
        ...flowJsonOf(f),
        createdBy: f.createdBy ? { id: f.createdBy.id, name: f.createdBy.name } : null,
      })),
    };
  });

  return router;
}
