import type { AssignmentRule } from '@kelian/orm';
import Router from '@koa/router';
import {
  createAssignmentRule,
  deleteAssignmentRule,
  listAssignmentRules,
  updateAssignmentRule,
} from '../../domain/leads/rules.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { ruleCreate, ruleId, rulePatch } from './rules-schemas.js';

// /api/assignment-rules: the admin's ordered lead assignment rules (403 for everyone else).

const ruleJsonOf = (r: AssignmentRule) => ({
  id: r.id,
  name: r.name,
  position: r.position,
  enabled: r.enabled,
  regions: r.regions,
  sources: r.sources,
  industries: r.industries,
  team: { id: r.team.id, name: r.team.name },
  strategy: r.strategy,
  recycleAfterDays: r.recycleAfterDays ?? null,
  lastAssignee: r.lastAssignee ? { id: r.lastAssignee.id, name: r.lastAssignee.name } : null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export function assignmentRulesRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const idOf = (ctx: ApiContext) => parseInput(ruleId, ctx.params).id;

  router.get('/assignment-rules', async (ctx) => {
    const rules = await listAssignmentRules(orm.em, await actingOf(ctx, orm.em));
    ctx.body = { items: rules.map(ruleJsonOf) };
  });

  router.post('/assignment-rules', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const input = parseInput(ruleCreate, ctx.request.body);
    const rule = await createAssignmentRule(orm.em.fork(), acting, input);
    ctx.set('Location', `/api/assignment-rules/${rule.id}`);
    ctx.status = 201;
    ctx.body = ruleJsonOf(rule);
  });

  router.patch('/assignment-rules/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const patch = parseInput(rulePatch, ctx.request.body);
    ctx.body = ruleJsonOf(await updateAssignmentRule(orm.em.fork(), acting, id, patch));
  });

  router.delete('/assignment-rules/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteAssignmentRule(orm.em.fork(), acting, idOf(ctx));
    ctx.status = 204;
  });

  return router;
}
