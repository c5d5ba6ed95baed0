import { LeadSchema } from '@kelian/orm';
import Router from '@koa/router';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DuplicateLeadError } from '../../domain/leads/duplicates.js';
import { editLead } from '../../domain/leads/edit.js';
import { claimLead, createLead, LeadInputError, type NewLead } from '../../domain/leads/leads.js';
import { markLeadInvalid, releaseLead } from '../../domain/leads/lifecycle.js';
import { listLeads } from '../../domain/leads/list.js';
import { leadRecord } from '../../domain/leads/record.js';
import { leadFor } from '../../domain/leads/store.js';
import { Problem } from '../../http/problem.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import { refusalProblem } from '../customers/problems.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { DuplicateLeadProblem } from './duplicate-problem.js';
import { firstUseOf, replayedRequest } from './replay.js';
import { leadCreate, leadId, leadInbound, leadInvalid, leadListQuery, leadPatch } from './schemas.js';
import { verifyLeadSignature } from './signature.js';

// /api/leads: capture (signed-in, or a signed web form), the lists, claiming and closing.

const inputProblem = (error: unknown) =>
  error instanceof LeadInputError
    ? new Problem(400, 'invalid-request', error.message)
    : error instanceof DuplicateLeadError
      ? new DuplicateLeadProblem(error)
      : error;

export function leadsRouter({ orm, config, notifier, messenger }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const idOf = (ctx: ApiContext) => parseInput(leadId, ctx.params).id;

  /** After a change, the lead as the user now sees it, from a fresh context. */
  const answer = async (ctx: ApiContext, id: number, status = 200) => {
    const acting = await actingOf(ctx, orm.em.fork());
    ctx.status = status;
    ctx.body = leadRecord(acting.access, await leadFor(orm.em.fork(), acting, id));
  };

  router.post('/leads/inbound', async (ctx) => {
    const secret = config.leadWebhookSecret;
    if (!secret)
      throw new Problem(503, 'webhook-off', '线索接收接口未启用，请联系管理员配置 LEAD_WEBHOOK_SECRET');
    const signed = { timestamp: ctx.get('x-kelian-timestamp'), signature: ctx.get('x-kelian-signature') };
    verifyLeadSignature(secret, signed, (ctx.request as { rawBody?: string }).rawBody ?? '');
    const { externalId, ...input } = parseInput(leadInbound, ctx.request.body);
    const known = async () =>
      externalId
        ? orm.em.fork().findOne(LeadSchema, { externalKey: externalId }, { populate: ['team'] })
        : null;
    try {
      // The signature is taken in the lead's own transaction: a replay finds it taken and creates
      // nothing; a lead that fails to be created leaves the signature free.
      const lead = await orm.em.fork().transactional(async (tx) => {
        if (!(await firstUseOf(tx, signed.signature, signed.timestamp))) throw replayedRequest();
        return createLead(
          tx,
          { system: 'webhook' },
          { source: '官网表单', ...input, ...(externalId ? { externalKey: externalId } : {}) },
          notifier,
        );
      });
      ctx.status = 201;
      ctx.body = { id: lead.id, duplicate: false, routedTo: lead.team?.name ?? null };
    } catch (error) {
      // A lead already recorded (its externalId, or its company and mobile) is answered as such.
      if (error instanceof DuplicateLeadError) {
        ctx.body = { id: error.lead.id, duplicate: true, routedTo: error.lead.team?.name ?? null };
        return;
      }
      // The same form post arriving twice at once: the second waits for the first and then finds
      // the signature or the externalId taken. With an externalId the answer stays "duplicate".
      const twice =
        error instanceof UniqueConstraintViolationException ||
        (error instanceof Problem && error.code === 'replayed-request');
      const raced = twice ? await known() : null;
      if (!raced) throw inputProblem(error);
      ctx.body = { id: raced.id, duplicate: true, routedTo: raced.team?.name ?? null };
    }
  });

  router.get('/leads', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, ...query } = parseInput(leadListQuery, ctx.query);
    const page = await listLeads(orm.em, acting, { ...query, ...(cursor && { beforeId: cursor.id }) });
    ctx.body = {
      items: page.leads.map((l) => leadRecord(acting.access, l)),
      nextCursor: page.next ? encodeCursor({ id: page.next }) : null,
    };
  });

  router.post('/leads', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const input: NewLead = { source: '手工录入', ...parseInput(leadCreate, ctx.request.body) };
    try {
      // Answered from the lead as created: the rules may give it to a team the creator cannot see.
      const lead = await createLead(orm.em.fork(), acting, input, notifier);
      ctx.set('Location', `/api/leads/${lead.id}`);
      ctx.status = 201;
      ctx.body = leadRecord(acting.access, lead);
    } catch (error) {
      throw inputProblem(error);
    }
  });

  router.get('/leads/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    ctx.body = leadRecord(acting.access, await leadFor(orm.em, acting, idOf(ctx)));
  });

  router.patch('/leads/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const patch = parseInput(leadPatch, ctx.request.body);
    await editLead(orm.em.fork(), acting, id, patch, notifier);
    await answer(ctx, id);
  });

  router.post('/leads/:id/claim', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const em = orm.em.fork();
    await leadFor(em, acting, id);
    const outcome = await em.transactional((tx) => claimLead(tx, acting, id, notifier));
    if (!outcome.ok) throw refusalProblem(outcome.refusal);
    await answer(ctx, id);
  });

  router.post('/leads/:id/release', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await releaseLead(orm.em.fork(), acting, id, notifier, messenger);
    await answer(ctx, id);
  });

  router.post('/leads/:id/invalid', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const { reason } = parseInput(leadInvalid, ctx.request.body);
    // Answered from the closed lead itself: closed before anyone claimed it, it has left the team's
    // and the pool's view, so reading it again would answer 404 for a change that was made.
    ctx.body = leadRecord(acting.access, await markLeadInvalid(orm.em.fork(), acting, id, reason, notifier));
  });

  return router;
}
