import Router from '@koa/router';
import { apply, resubmit } from '../../domain/applications/apply.js';
import { applicationFor, myApplications } from '../../domain/applications/list.js';
import { createType, listTypes, updateType } from '../../domain/applications/types.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { applicationJsonOf, typeJsonOf } from './present.js';
import { applicationIdParam, applyBody, mineQuery, resubmitBody, typeBody, typeIdParam } from './schemas.js';

// /api/application-types (the administrator's document types) and /api/applications (新建申请,
// 我的申请, one application): an application is sent through its type's flow as it is written.

export function applicationsRouter({ orm, notifier, approvalTodos }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const notices = cardNotices(notifier, approvalTodos);

  router.get('/application-types', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = { items: (await listTypes(orm.em.fork(), acting)).map(typeJsonOf) };
  });

  router.post('/application-types', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const type = await createType(orm.em.fork(), acting, parseInput(typeBody, ctx.request.body));
    ctx.status = 201;
    ctx.set('Location', `/api/application-types/${type.id}`);
    ctx.body = typeJsonOf(type);
  });

  router.put('/application-types/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(typeIdParam, ctx.params);
    ctx.body = typeJsonOf(
      await updateType(orm.em.fork(), acting, id, parseInput(typeBody, ctx.request.body)),
    );
  });

  router.get('/applications', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { limit, cursor } = parseInput(mineQuery, ctx.query);
    const page = await myApplications(orm.em.fork(), acting, { limit, after: cursor?.id });
    ctx.body = {
      items: page.items.map(applicationJsonOf),
      nextCursor: page.next === null ? null : encodeCursor({ id: page.next }),
    };
  });

  router.post('/applications', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { typeId, values, picks } = parseInput(applyBody, ctx.request.body);
    const { application, approvalId } = await apply(
      orm.em.fork(),
      acting,
      { typeId, values, ...(picks && { picks }) },
      notices,
    );
    ctx.status = 201;
    ctx.set('Location', `/api/applications/${application.id}`);
    ctx.body = {
      application: applicationJsonOf(await applicationFor(orm.em.fork(), acting, application.id)),
      approvalId,
    };
  });

  router.get('/applications/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(applicationIdParam, ctx.params);
    ctx.body = applicationJsonOf(await applicationFor(orm.em.fork(), acting, id));
  });

  router.post('/applications/:id/resubmit', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(applicationIdParam, ctx.params);
    const { values, picks } = parseInput(resubmitBody, ctx.request.body);
    const { approvalId } = await resubmit(
      orm.em.fork(),
      acting,
      id,
      { values, ...(picks && { picks }) },
      notices,
    );
    ctx.body = {
      application: applicationJsonOf(await applicationFor(orm.em.fork(), acting, id)),
      approvalId,
    };
  });

  return router;
}
