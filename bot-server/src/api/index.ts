import Router from '@koa/router';
import type { Middleware } from 'koa';
import { authRoutes } from './auth/routes.js';
import { sandboxAuthRoutes } from './auth/sandbox-routes.js';
import type { ApiDeps, ApiState } from './deps.js';
import { jssdkRoutes } from './jssdk/routes.js';
import { meRoutes } from './me.js';
import { readSession } from './session-middleware.js';

export type { ApiContext, ApiDeps, ApiState } from './deps.js';
export { currentUser, requireUser } from './session-middleware.js';

// Answers carry tokens, signatures and personal data: no browser or proxy may keep a copy.
const noStore: Middleware = async (ctx, next) => {
  ctx.set('Cache-Control', 'no-store');
  await next();
};

/** REST for the mini-app and integrations, under /api. Mount it like any router of the app. */
export function apiRouter(deps: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>({ prefix: '/api' });
  router.use(noStore, readSession(deps));
  authRoutes(router, deps);
  if (deps.config.sandbox) sandboxAuthRoutes(router, deps);
  meRoutes(router, deps);
  jssdkRoutes(router, deps);
  return router;
}
