import Router from '@koa/router';
import type { Acting } from '../../domain/access/acting.js';
import { listTasks } from '../../domain/followups/list.js';
import { createRule, deleteRule, listRules, updateRule } from '../../domain/followups/rules.js';
import { addTask, completeTask, postponeTask, taskFor } from '../../domain/followups/tasks.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { ruleJsonOf, taskJsonOf } from './present.js';
import { ruleCreate, ruleId, rulePatch, taskCreate, taskId, taskListQuery, taskPostpone } from './schemas.js';

// /api/tasks (mine, or my team's for a manager) and /api/followup-rules (admins).

export function followUpsRouter({ orm, config, notifier }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const taskOf = (ctx: ApiContext) => parseInput(taskId, ctx.params).id;
  const ruleOf = (ctx: ApiContext) => parseInput(ruleId, ctx.params).id;
  /** After a change, the task as the user now sees it, from a fresh context. */
  const answerTask = async (ctx: ApiContext, acting: Acting, id: number, status = 200) => {
    ctx.status = status;
    ctx.body = taskJsonOf(await taskFor(orm.em.fork(), acting, id));
  };

  router.get('/tasks', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, assignee, ...query } = parseInput(taskListQuery, ctx.query);
    const page = await listTasks(
      orm.em,
      acting,
      { ...query, ...(assignee && { assigneeId: assignee }), ...(cursor && { after: cursor }) },
      config.displayTimeZone,
    );
    ctx.body = { items: page.tasks.map(taskJsonOf), nextCursor: page.next ? encodeCursor(page.next) : null };
  });

  router.post('/tasks', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const task = await addTask(orm.em.fork(), acting, parseInput(taskCreate, ctx.request.body));
    ctx.set('Location', `/api/tasks/${task.id}`);
    await answerTask(ctx, acting, task.id, 201);
  });

  router.post('/tasks/:id/done', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = taskOf(ctx);
    await completeTask(orm.em.fork(), acting, id, notifier);
    await answerTask(ctx, acting, id);
  });

  router.post('/tasks/:id/postpone', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = taskOf(ctx);
    const { days } = parseInput(taskPostpone, ctx.request.body);
    await postponeTask(orm.em.fork(), acting, id, days, notifier);
    await answerTask(ctx, acting, id);
  });

  router.get('/followup-rules', async (ctx) => {
    const rules = await listRules(orm.em, await actingOf(ctx, orm.em));
    ctx.body = { items: rules.map(ruleJsonOf) };
  });

  router.post('/followup-rules', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const rule = await createRule(orm.em.fork(), acting, parseInput(ruleCreate, ctx.request.body));
    ctx.status = 201;
    ctx.body = ruleJsonOf(rule);
  });

  router.patch('/followup-rules/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = ruleOf(ctx);
    const patch = parseInput(rulePatch, ctx.request.body);
    ctx.body = ruleJsonOf(await updateRule(orm.em.fork(), acting, id, patch));
  });

  router.delete('/followup-rules/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteRule(orm.em.fork(), acting, ruleOf(ctx));
    ctx.status = 204;
  });

  return router;
}
