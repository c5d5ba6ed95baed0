import Router from '@koa/router';
import type { Access } from '../../domain/access/access.js';
import { createCustomer } from '../../domain/customers/create.js';
import { DuplicateCustomersError } from '../../domain/customers/errors.js';
import { addFollowUp } from '../../domain/customers/follow-ups.js';
import { listCustomers } from '../../domain/customers/list.js';
import { changeOwner } from '../../domain/customers/owner.js';
import { deleteCustomer, restoreCustomer } from '../../domain/customers/recycle-bin.js';
import { revealField } from '../../domain/customers/reveal.js';
import { customerTimeline } from '../../domain/customers/timeline/timeline.js';
import { updateCustomer } from '../../domain/customers/update.js';
import { customerView } from '../../domain/customers/view.js';
import { parseInput } from '../../http/validate.js';
import type { ApiContext, ApiDeps, ApiState } from '../deps.js';
import { actingOf } from './acting.js';
import { encodeCursor } from './cursor.js';
import { customerJson, customerViewJson, followUpJson } from './present.js';
import { DuplicateProblem } from './problems.js';
import {
  customerCreate,
  customerId,
  customerListQuery,
  customerPatch,
  foldCustomFieldParams,
  followUpCreate,
  ownerChange,
  reveal,
  timelineQuery,
} from './schemas.js';

// /api/customers: parse → domain (with the acting user) → present. Each handler signs the user in
// first (401 before 400), then validates everything before the domain runs, so bad input changes
// nothing.

export function customersRouter({ orm, tagMirror, messenger }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  const idOf = (ctx: ApiContext) => parseInput(customerId, ctx.params).id;

  /** After a command, the view comes from a fresh context: nothing cached before the change. */
  const answerView = async (ctx: ApiContext, access: Access, id: number, status = 200) => {
    ctx.status = status;
    ctx.body = customerViewJson(access, await customerView(orm.em.fork(), access, id));
  };

  router.get('/customers', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const query = parseInput(customerListQuery, foldCustomFieldParams(ctx.query));
    const { tags, cf, cursor, stage, ...filters } = query;
    const page = await listCustomers(orm.em, access, {
      ...filters,
      ...(stage && { stageId: stage }),
      ...(tags && { tagIds: tags }),
      ...(cf && { customFields: cf }),
      ...(cursor && { after: { value: cursor.value, id: cursor.id } }),
    });
    ctx.body = {
      items: page.customers.map(({ customer, changeable, matchedBy }) => ({
        ...customerJson(access, customer, changeable),
        ...(matchedBy && { matchedBy }),
      })),
      nextCursor: page.next ? encodeCursor({ sort: query.sort, ...page.next }) : null,
    };
  });

  router.post('/customers', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const input = parseInput(customerCreate, ctx.request.body);
    try {
      const customer = await createCustomer(orm.em, acting, input);
      ctx.set('Location', `/api/customers/${customer.id}`);
      await answerView(ctx, acting.access, customer.id, 201);
    } catch (error) {
      throw error instanceof DuplicateCustomersError ? new DuplicateProblem(acting.access, error) : error;
    }
  });

  router.get('/customers/:id', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    ctx.body = customerViewJson(access, await customerView(orm.em, access, idOf(ctx)));
  });

  router.get('/customers/:id/timeline', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const { limit, cursor } = parseInput(timelineQuery, ctx.query);
    const page = await customerTimeline(orm.em, access, id, { limit, ...(cursor && { after: cursor }) });
    ctx.body = {
      items: page.entries.map(({ source, rowId, ...entry }) => ({ id: `${source}:${rowId}`, ...entry })),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  });

  router.patch('/customers/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await updateCustomer(orm.em, acting, id, parseInput(customerPatch, ctx.request.body), tagMirror);
    await answerView(ctx, acting.access, id);
  });

  router.delete('/customers/:id', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    await deleteCustomer(orm.em, acting, idOf(ctx));
    ctx.status = 204;
  });

  router.post('/customers/:id/restore', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await restoreCustomer(orm.em, acting, id);
    await answerView(ctx, acting.access, id);
  });

  router.post('/customers/:id/follow-ups', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const followUp = await addFollowUp(orm.em, acting, id, parseInput(followUpCreate, ctx.request.body));
    ctx.status = 201;
    ctx.body = followUpJson(acting.access, followUp);
  });

  router.put('/customers/:id/owner', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    await changeOwner(orm.em, acting, id, parseInput(ownerChange, ctx.request.body).ownerId, messenger);
    await answerView(ctx, acting.access, id);
  });

  router.post('/customers/:id/reveal', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const id = idOf(ctx);
    const target = parseInput(reveal, ctx.request.body);
    ctx.body = { ...target, value: await revealField(orm.em, acting, id, target) };
  });

  return router;
}
