import Router from '@koa/router';
import { enqueueExternalSync } from '../../bot/external/feature.js';
import { NotVisibleError } from '../../domain/access/errors.js';
import { customerByExternal } from '../../domain/customers/external/find.js';
import { refuseExternalSync } from '../../domain/customers/external/full-sync.js';
import { linkFollower } from '../../domain/customers/external/link.js';
import { customerView } from '../../domain/customers/view.js';
import { parseInput } from '../../http/validate.js';
import { WeComExternalContacts } from '../../platforms/wecom/external-contacts.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { platformNotConfigured } from '../problems.js';
import { actingOf } from './acting.js';
import { externalUserIdParam, fromExternalBody } from './external-schemas.js';
import { customerViewJson } from './present.js';

// The WeCom chat sidebar: which customer is this external contact, and "make it a customer".

export function externalCustomersRouter({ orm, platforms, queue }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();

  router.get('/customers/by-external/:externalUserId', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const { externalUserId } = parseInput(externalUserIdParam, ctx.params);
    ctx.body = customerViewJson(access, await customerByExternal(orm.em, access, externalUserId));
  });

  // Creates (or joins) the customer from WeCom's externalcontact/get; only a member who follows the
  // contact in WeCom may, so nobody reaches a colleague's customer through an id they were given.
  router.post('/customers/from-external', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { externalUserId } = parseInput(fromExternalBody, ctx.request.body);
    const source = WeComExternalContacts.of(platforms.wecomClient());
    if (!source) throw platformNotConfigured('wecom');
    const contact = await source.get(externalUserId);
    if (!contact) throw new NotVisibleError('customer');
    const { customer, created } = await linkFollower(orm.em, acting, contact);
    if (created) ctx.set('Location', `/api/customers/${customer.id}`);
    ctx.status = created ? 201 : 200;
    const fresh = orm.em.fork();
    ctx.body = customerViewJson(acting.access, await customerView(fresh, acting.access, customer.id));
  });

  // A full sync of every rep's external contacts, in the background (the job logs its counts).
  router.post('/customers/sync-external', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    refuseExternalSync(acting);
    if (!platforms.wecomClient()) throw platformNotConfigured('wecom');
    await enqueueExternalSync(queue);
    ctx.status = 202;
    ctx.body = { queued: true };
  });

  return router;
}
