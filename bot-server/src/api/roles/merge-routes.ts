import type { User } from '@kelian/orm';
import Router from '@koa/router';
import { rolesOf } from '../../domain/auth/profile.js';
import { type MergePlan, mergeUsers, previewMerge } from '../../domain/org/merge/merge.js';
import { mergeSuggestions } from '../../domain/org/merge/suggestions.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { mergeBody, mergeParams, mergeQuery } from './merge-schemas.js';
import { personJson } from './present.js';

// /api/admin/users/…/merge: one person's WeCom and DingTalk accounts, which the org sync could not
// match, merged into one user by an administrator: the likely pairs, what a merge would move, and
// the merge. Administrators only (the one policy, in the domain), audited by the domain.

export function mergeRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const person = async (user: User) => personJson(user, await rolesOf(orm.em, user));
  const planJson = async ({ kept, other, moves }: MergePlan) => ({
    kept: await person(kept),
    other: await person(other),
    moves,
  });

  router.get('/admin/users/merge-suggestions', async (ctx) => {
    const pairs = await mergeSuggestions(orm.em, await actingOf(ctx, orm.em));
    const items = [];
    for (const { wecom, dingtalk } of pairs)
      items.push({ wecom: await person(wecom), dingtalk: await person(dingtalk) });
    ctx.body = { items };
  });

  router.get('/admin/users/:id/merge-preview', async (ctx) => {
    const { id } = parseInput(mergeParams, ctx.params);
    const { otherId } = parseInput(mergeQuery, ctx.query);
    ctx.body = await planJson(await previewMerge(orm.em, await actingOf(ctx, orm.em), id, otherId));
  });

  router.post('/admin/users/:id/merge', async (ctx) => {
    const { id } = parseInput(mergeParams, ctx.params);
    const { otherId } = parseInput(mergeBody, ctx.request.body);
    ctx.body = await planJson(await mergeUsers(orm.em, await actingOf(ctx, orm.em), id, otherId));
  });
  return router;
}
