import type { CustomFieldDefinition } from '@kelian/orm';
import Router from '@koa/router';
import {
  createDefinition,
  deleteDefinition,
  listDefinitions,
  updateDefinition,
} from '../../domain/custom-fields/definitions.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { definitionCreate, definitionId, definitionPatch, definitionQuery } from './schemas.js';

// /api/custom-fields: everyone signed in reads the definitions; only an administrator changes them.

const presentDefinition = (d: CustomFieldDefinition) => ({
  id: d.id,
  object: d.object,
  key: d.key,
  label: d.label,
  type: d.type,
  options: d.options as string[],
  required: d.required,
  position: d.position,
});

export function customFieldsRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/custom-fields', async (ctx) => {
    await actingOf(ctx, orm.em);
    const { object } = parseInput(definitionQuery, ctx.query);
    ctx.body = { items: (await listDefinitions(orm.em, object)).map(presentDefinition) };
  });

  router.post('/custom-fields', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const input = parseInput(definitionCreate, ctx.request.body);
    ctx.status = 201;
    ctx.body = presentDefinition(await createDefinition(orm.em, acting, input));
  });

  router.patch('/custom-fields/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(definitionId, ctx.params);
    const patch = parseInput(definitionPatch, ctx.request.body);
    ctx.body = presentDefinition(await updateDefinition(orm.em, acting, id, patch));
  });

  router.delete('/custom-fields/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { id } = parseInput(definitionId, ctx.params);
    await deleteDefinition(orm.em, acting, id);
    ctx.status = 204;
  });

  return router;
}
