import Router from '@koa/router';
import { applicationDocTypes } from '../../domain/applications/types.js';
import { decide } from '../../domain/approvals/decide.js';
import { runDetail } from '../../domain/approvals/detail.js';
import { documentTypes } from '../../domain/approvals/document-types.js';
import { checkFlow, listFlows, previewRoute, saveFlowVersion } from '../../domain/approvals/flows.js';
import { listBox } from '../../domain/approvals/list.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { nudgeApprovers } from '../../domain/approvals/nudge.js';
import { transfer } from '../../domain/approvals/transfer.js';
import { withdraw } from '../../domain/approvals/withdraw.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { boxItemOf, detailOf, flowJsonOf, previewStepOf } from './present.js';
import {
  approvalId,
  approveBody,
  boxQuery,
  docTypeParam,
  flowBody,
  previewBody,
  rejectBody,
  transferBody,
} from './schemas.js';

// /api/approvals (a person's boxes, one run, the decisions on it) and /api/approval-flows (the
// administrator's flows: list, validate, preview, save a new version).

export function approvalsRouter({ orm, notifier, approvalTodos }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const notices = cardNotices(notifier, approvalTodos);
  const idOf = (ctx: ApiContext) => parseInput(approvalId, ctx.params).id;
  const docTypeOf = (ctx: ApiContext) => parseInput(docTypeParam, ctx.params).docType;
  /** After a change, the run as the user now sees it, from a fresh context. */
  const answer = async (ctx: ApiContext, id: number) => {
    ctx.body = detailOf(await runDetail(orm.em.fork(), await actingOf(ctx, orm.em), id));
  };

  router.get('/approvals', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { box, limit, cursor } = parseInput(boxQuery, ctx.query);
    const page = await listBox(orm.em.fork(), acting, box, { limit, after: cursor?.id });
    ctx.body = {
      items: page.items.map((i) => boxItemOf(i.run, i.taskId)),
      nextCursor: page.next === null ? null : encodeCursor({ id: page.next }),
    };
  });

  router.get('/approvals/:id', async (ctx) => {
    await answer(ctx, idOf(ctx));
  });

  router.post('/approvals/:id/approve', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const body = parseInput(approveBody, ctx.request.body ?? {});
    await decide(orm.em.fork(), acting, idOf(ctx), { verdict: 'approve', ...body }, notices);
    await answer(ctx, idOf(ctx));
  });

  router.post('/approvals/:id/reject', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const body = parseInput(rejectBody, ctx.request.body ?? {});
    await decide(orm.em.fork(), acting, idOf(ctx), { verdict: 'reject', ...body }, notices);
    await answer(ctx, idOf(ctx));
  });

  router.post('/approvals/:id/withdraw', async (ctx) => {
    await withdraw(orm.em.fork(), await actingOf(ctx, orm.em), idOf(ctx), notices);
    await answer(ctx, idOf(ctx));
  });

  router.post('/approvals/:id/transfer', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { toUserId } = parseInput(transferBody, ctx.request.body);
    await transfer(orm.em.fork(), acting, idOf(ctx), toUserId, notices);
    await answer(ctx, idOf(ctx));
  });

  router.post('/approvals/:id/remind', async (ctx) => {
    await nudgeApprovers(orm.em.fork(), await actingOf(ctx, orm.em), idOf(ctx), notices);
    await answer(ctx, idOf(ctx));
  });

  router.get('/approval-flows', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const em = orm.em.fork();
    const flows = await listFlows(em, acting, [
      ...Object.keys(documentTypes),
      ...(await applicationDocTypes(em)),
    ]);
    ctx.body = {
      items: flows.map((f) => ({
        docType: f.docType,
        label: f.label,
        fields: Object.entries(f.fields).map(([field, { label, kind }]) => ({ field, label, kind })),
        settable: Object.entries(f.settable).map(([field, { label, kind }]) => ({ field, label, kind })),
        flow: f.flow ? flowJsonOf(f.flow) : null,
      })),
    };
  });

  router.post('/approval-flows/:docType', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const flow = await saveFlowVersion(
      orm.em.fork(),
      acting,
      docTypeOf(ctx),
      parseInput(flowBody, ctx.request.body),
    );
    ctx.status = 201;
    ctx.body = flowJsonOf(flow);
  });

  router.post('/approval-flows/:docType/validate', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await checkFlow(orm.em.fork(), acting, docTypeOf(ctx), parseInput(flowBody, ctx.request.body));
    ctx.body = { ok: true };
  });

  router.post('/approval-flows/:docType/preview', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const input = parseInput(previewBody, ctx.request.body);
    const steps = await previewRoute(orm.em.fork(), acting, docTypeOf(ctx), {
      values: input.values,
      submitterId: input.submitterId,
      ...(input.flow && { flow: input.flow }),
    });
    ctx.body = { steps: steps.map(previewStepOf) };
  });

  return router;
}
