import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import { RequestContext } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import Koa from 'koa';
import { healthRoutes } from './health/routes.js';
import { accessLog } from './http/access-log.js';
import { logResponseErrors } from './http/client-abort.js';
import { problemResponses } from './http/errors.js';
import { type Foreground, isPlatformCallback } from './http/foreground.js';
import { requestId } from './http/request-id.js';
import type { Logger } from './logger.js';

export interface AppDeps {
  orm: MikroORM;
  logger: Logger;
  /** Feature routers, mounted after the common middleware. */
  routers?: Router[];
  /** Counts the platforms' callbacks in flight (background work lets them go first). */
  foreground?: Foreground;
  /** A reverse proxy stands in front and names the client in X-Forwarded-For (TRUST_PROXY). */
  trustProxy?: boolean;
}

// Body size limits: the largest legitimate payloads are platform callbacks (a few KB) and API
// writes; anything bigger is refused before it is read into memory.
export const bodyLimits = { jsonLimit: '1mb', formLimit: '256kb' };

export function createApp({ orm, logger, routers = [], foreground, trustProxy = false }: AppDeps): Koa {
  const app = new Koa({ proxy: trustProxy });
  if (foreground) app.use(foreground.middleware);
  logResponseErrors(app, logger);
  app.use(requestId(logger));
  app.use(accessLog());
  app.use(problemResponses());
  // Only JSON and forms are parsed here: platform callbacks read their exact signed bytes themselves.
  app.use(bodyParser({ enableTypes: ['json', 'form'], ...bodyLimits }));
  // Every request gets its own identity map: entities never leak between requests. Platform
  // callbacks get none: they only store the event, through the inbox's own, and forking an entity
  // manager per callback was a tenth of the callback's cost.
  app.use((ctx, next) => (isPlatformCallback(ctx.path) ? next() : RequestContext.create(orm.em, next)));
  for (const router of [healthRoutes(orm), ...routers]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
}
