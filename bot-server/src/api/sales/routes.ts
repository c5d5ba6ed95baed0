import Router from '@koa/router';
import type { Acting } from '../../domain/access/acting.js';
import { pendingGates } from '../../domain/applications/stage-gate.js';
import { cardNotices } from '../../domain/approvals/notices.js';
import { DuplicateCustomersError } from '../../domain/customers/errors.js';
import { localDate } from '../../domain/followups/local-time.js';
import { leadRecord } from '../../domain/leads/record.js';
import { leadFor } from '../../domain/leads/store.js';
import { boardColumnPage, opportunityBoard } from '../../domain/sales/board.js';
import { convertLead, LeadConvertedError } from '../../domain/sales/convert.js';
import { myFigures } from '../../domain/sales/figures.js';
import { listOpportunities } from '../../domain/sales/list.js';
import {
  loseOpportunity,
  moveOpportunity,
  openOpportunity,
  stageHistory,
  updateOpportunity,
  winOpportunity,
} from '../../domain/sales/opportunities.js';
import { stageRecord } from '../../domain/sales/records.js';
import { activeStages, createStage, updateStage } from '../../domain/sales/stages.js';
import { opportunityFor } from '../../domain/sales/store.js';
import { targetSheet } from '../../domain/sales/target-sheet.js';
import { listTargets, setTarget } from '../../domain/sales/targets.js';
import { notFound, Problem } from '../../http/problem.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import { DuplicateProblem } from '../customers/problems.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import {
  boardJsonOf,
  boardPageJsonOf,
  detailJsonOf,
  gatedJsonOf,
  opportunityJsonOf,
  targetJsonOf,
  targetSheetJsonOf,
} from './present.js';
import {
  boardColumnQuery,
  boardQuery,
  leadConvert,
  leadId,
  lostBody,
  monthQuery,
  opportunityCreate,
  opportunityId,
  opportunityListQuery,
  opportunityPatch,
  stageCreate,
  stageId,
  stageMove,
  stagePatch,
  targetPut,
  wonBody,
} from './schemas.js';

// /api/stages (everyone reads, admins shape) and /api/opportunities (deals in the user's scope).

export function salesRouter({ orm, config, notifier, approvalTodos }: ApiDeps): Router<ApiState> {
  const approvals = cardNotices(notifier, approvalTodos);
  const router = new Router<ApiState>();
  const dealOf = (ctx: ApiContext) => parseInput(opportunityId, ctx.params).id;
  /** After a change, the deal with its history as the user now sees it, from a fresh context. */
  const answerDeal = async (ctx: ApiContext, acting: Acting, id: number, status = 200) => {
    const em = orm.em.fork();
    const deal = await opportunityFor(em, acting.access, id);
    ctx.status = status;
    ctx.body = detailJsonOf(acting.access, deal, await stageHistory(em, deal));
  };

  router.get('/stages', async (ctx) => {
    await actingOf(ctx, orm.em);
    ctx.body = { items: (await activeStages(orm.em.fork())).map(stageRecord) };
  });

  router.post('/stages', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const stage = await createStage(orm.em.fork(), acting, parseInput(stageCreate, ctx.request.body));
    ctx.status = 201;
    ctx.body = stageRecord(stage);
  });

  router.patch('/stages/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(stageId, ctx.params);
    ctx.body = stageRecord(
      await updateStage(orm.em.fork(), acting, id, parseInput(stagePatch, ctx.request.body)),
    );
  });

  router.get('/opportunities', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, owner, stage, ...query } = parseInput(opportunityListQuery, ctx.query);
    const page = await listOpportunities(orm.em.fork(), acting.access, {
      ...query,
      ...(owner !== undefined && { ownerId: owner }),
      ...(stage !== undefined && { stageId: stage }),
      ...(cursor && { after: cursor.id }),
    });
    ctx.body = {
      items: page.deals.map((d) => opportunityJsonOf(acting.access, d)),
      nextCursor: page.next === null ? null : encodeCursor({ id: page.next }),
    };
  });

  router.get('/opportunities/board', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { owner } = parseInput(boardQuery, ctx.query);
    const em = orm.em.fork();
    const columns = await opportunityBoard(em, acting.access, config.displayTimeZone, {
      ...(owner !== undefined && { ownerId: owner }),
    });
    const gates = await pendingGates(
      em,
      columns.flatMap((c) => c.deals.map((d) => d.id)),
    );
    ctx.body = { ...boardJsonOf(acting.access, columns), gated: gatedJsonOf(gates) };
  });

  router.get('/opportunities/board/stages/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(stageId, ctx.params);
    const { owner, cursor } = parseInput(boardColumnQuery, ctx.query);
    const em = orm.em.fork();
    const stage = (await activeStages(em)).find((s) => s.id === id);
    if (!stage) throw notFound('阶段');
    const page = await boardColumnPage(
      em,
      acting.access,
      config.displayTimeZone,
      stage,
      owner === undefined ? {} : { ownerId: owner },
      cursor,
    );
    const gates = await pendingGates(
      em,
      page.deals.map((d) => d.id),
    );
    ctx.body = { ...boardPageJsonOf(acting.access, page), gated: gatedJsonOf(gates) };
  });

  router.post('/opportunities', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const deal = await openOpportunity(
      orm.em.fork(),
      acting,
      parseInput(opportunityCreate, ctx.request.body),
    );
    ctx.set('Location', `/api/opportunities/${deal.id}`);
    await answerDeal(ctx, acting, deal.id, 201);
  });

  router.get('/opportunities/:id', async (ctx) => {
    await answerDeal(ctx, await actingOf(ctx, orm.em), dealOf(ctx));
  });

  router.patch('/opportunities/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = dealOf(ctx);
    await updateOpportunity(orm.em.fork(), acting, id, parseInput(opportunityPatch, ctx.request.body));
    await answerDeal(ctx, acting, id);
  });

  router.post('/opportunities/:id/stage', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = dealOf(ctx);
    const { stageId: to, note } = parseInput(stageMove, ctx.request.body);
    await moveOpportunity(
      orm.em.fork(),
      acting,
      { id, stageId: to, ...(note !== undefined && { note }) },
      {
        notifier,
        approvals,
      },
    );
    await answerDeal(ctx, acting, id);
  });

  router.post('/opportunities/:id/won', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = dealOf(ctx);
    const { note } = parseInput(wonBody, ctx.request.body ?? {});
    await winOpportunity(orm.em.fork(), acting, id, notifier, note);
    await answerDeal(ctx, acting, id);
  });

  router.post('/opportunities/:id/lost', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = dealOf(ctx);
    await loseOpportunity(orm.em.fork(), acting, id, parseInput(lostBody, ctx.request.body).reason, notifier);
    await answerDeal(ctx, acting, id);
  });

  const monthOf = (ctx: ApiContext) =>
    parseInput(monthQuery, ctx.query).month ?? localDate(new Date(), config.displayTimeZone).slice(0, 7);

  router.get('/targets', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const targets = await listTargets(orm.em.fork(), acting, monthOf(ctx), config.displayTimeZone);
    ctx.body = { items: targets.map(targetJsonOf) };
  });

  router.get('/targets/sheet', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const month = monthOf(ctx);
    const teams = await targetSheet(orm.em.fork(), acting, month, config.displayTimeZone);
    ctx.body = targetSheetJsonOf(month, teams);
  });

  router.put('/targets', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { month, userId, departmentId, amountCents } = parseInput(targetPut, ctx.request.body);
    const em = orm.em.fork();
    // The schema lets exactly one of userId and departmentId through.
    const of = userId === undefined ? { departmentId: departmentId as number } : { userId };
    const target = await setTarget(em, acting, month, of, amountCents);
    const all = await listTargets(em, acting, month, config.displayTimeZone);
    ctx.body = targetJsonOf(all.find((t) => t.target.id === target.id) ?? { target, achievedCents: 0 });
  });

  router.get('/me/figures', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = await myFigures(orm.em.fork(), acting, monthOf(ctx), config.displayTimeZone);
  });

  router.post('/leads/:id/convert', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(leadId, ctx.params);
    const { customerId, force, opportunity } = parseInput(leadConvert, ctx.request.body ?? {});
    try {
      const done = await convertLead(orm.em.fork(), acting, id, {
        ...(customerId !== undefined && { customerId }),
        ...(force && { force }),
        ...(opportunity && { opportunity }),
      });
      const lead = await leadFor(orm.em.fork(), acting, id);
      ctx.body = {
        lead: leadRecord(acting.access, lead),
        customerId: done.customerId,
        opportunityId: done.opportunityId,
      };
    } catch (error) {
      if (error instanceof DuplicateCustomersError) throw new DuplicateProblem(acting.access, error);
      if (error instanceof LeadConvertedError)
        throw new Problem(409, 'lead-converted', '这条线索已经转化过了');
      throw error;
    }
  });

  return router;
}
