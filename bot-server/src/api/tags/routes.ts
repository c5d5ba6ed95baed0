import Router from '@koa/router';
import { listTagGroups } from '../../domain/tags/list.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';

// /api/tag-groups: every signed-in user reads the tags (a customer's tags are no secret of theirs).

export function tagsRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  router.get('/tag-groups', async (ctx) => {
    await actingOf(ctx, orm.em);
    ctx.body = {
      items: (await listTagGroups(orm.em)).map(({ group, tags }) => ({
        id: group.id,
        name: group.name,
        exclusive: group.exclusive,
        fromWeCom: group.wecomGroupId != null,
        tags: tags.map((t) => ({ id: t.id, name: t.name, color: t.color ?? null })),
      })),
    };
  });
  return router;
}
