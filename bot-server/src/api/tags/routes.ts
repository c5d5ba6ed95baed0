import type { Tag, TagGroup } from '@kelian/orm';
import Router from '@koa/router';
import { addTag, createTagGroup, deleteTags, updateTag, updateTagGroup } from '../../domain/tags/admin.js';
import { listTagGroups } from '../../domain/tags/list.js';
import { reorderTagGroups, reorderTags } from '../../domain/tags/order.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import {
  orderBody,
  tagCreate,
  tagGroupCreate,
  tagGroupId,
  tagGroupPatch,
  tagId,
  tagPatch,
} from './schemas.js';

// /api/tag-groups and /api/tags: every signed-in user reads the tags (a customer's tags are no
// secret); only an administrator changes them, and WeCom gets the same change (domain/tags/admin.ts).

const presentTag = (t: Tag) => ({
  id: t.id,
  name: t.name,
  color: t.color ?? null,
  synced: t.wecomTagId != null,
});
const presentGroup = (group: TagGroup, tags: Tag[]) => ({
  id: group.id,
  name: group.name,
  exclusive: group.exclusive,
  fromWeCom: group.wecomGroupId != null,
  tags: tags.map(presentTag),
});

export function tagsRouter({ orm, tagMirror }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const groupJson = async (id: number) => {
    const found = (await listTagGroups(orm.em.fork())).find((g) => g.group.id === id)!;
    return presentGroup(found.group, found.tags);
  };

  router.get('/tag-groups', async (ctx) => {
    await actingOf(ctx, orm.em);
    ctx.body = { items: (await listTagGroups(orm.em)).map(({ group, tags }) => presentGroup(group, tags)) };
  });

  router.post('/tag-groups', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const group = await createTagGroup(
      orm.em,
      acting,
      parseInput(tagGroupCreate, ctx.request.body),
      tagMirror,
    );
    ctx.status = 201;
    ctx.body = await groupJson(group.id);
  });

  router.put('/tag-groups/order', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await reorderTagGroups(orm.em, acting, parseInput(orderBody, ctx.request.body).ids, tagMirror);
    ctx.body = {
      items: (await listTagGroups(orm.em.fork())).map(({ group, tags }) => presentGroup(group, tags)),
    };
  });

  router.put('/tag-groups/:id/tags/order', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(tagGroupId, ctx.params);
    await reorderTags(orm.em, acting, id, parseInput(orderBody, ctx.request.body).ids, tagMirror);
    ctx.body = await groupJson(id);
  });

  router.patch('/tag-groups/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(tagGroupId, ctx.params);
    await updateTagGroup(orm.em, acting, id, parseInput(tagGroupPatch, ctx.request.body), tagMirror);
    ctx.body = await groupJson(id);
  });

  router.delete('/tag-groups/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteTags(orm.em, acting, { groupId: parseInput(tagGroupId, ctx.params).id }, tagMirror);
    ctx.status = 204;
  });

  router.post('/tag-groups/:id/tags', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(tagGroupId, ctx.params);
    ctx.status = 201;
    ctx.body = presentTag(
      await addTag(orm.em, acting, id, parseInput(tagCreate, ctx.request.body), tagMirror),
    );
  });

  router.patch('/tags/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(tagId, ctx.params);
    ctx.body = presentTag(
      await updateTag(orm.em, acting, id, parseInput(tagPatch, ctx.request.body), tagMirror),
    );
  });

  router.delete('/tags/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteTags(orm.em, acting, { tagId: parseInput(tagId, ctx.params).id }, tagMirror);
    ctx.status = 204;
  });

  return router;
}
