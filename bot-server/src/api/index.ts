import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { KelianModule } from '../modules/contract.js';
import { modules as registry } from '../modules/index.js';
import { signInAttempts } from './auth/attempts.js';
import { authOptionsRoutes } from './auth/options.js';
import { authRoutes } from './auth/routes.js';
import { sandboxAuthRoutes } from './auth/sandbox-routes.js';
import { domainProblems } from './customers/problems.js';
import type { ApiDeps, ApiState } from './deps.js';
import { inputHygiene } from './input-hygiene.js';
import { jssdkRoutes } from './jssdk/routes.js';
import { meRoutes } from './me.js';
import { openApiRoutes } from './openapi/routes.js';
import { readSession } from './session-middleware.js';

export type { ApiContext, ApiDeps, ApiState } from './deps.js';
export { currentUser, requireUser } from './session-middleware.js';

// Answers carry tokens, signatures and personal data: no browser or proxy may keep a copy.
const noStore: Middleware = async (ctx, next) => {
  ctx.set('Cache-Control', 'no-store');
  await next();
};

/**
 * REST for the mini-app and integrations, under /api: sign-in and the session's own routes, then
 * every module's. Mount it like any router of the app.
 */
export function apiRouter(deps: ApiDeps, modules: readonly KelianModule[] = registry): Router<ApiState> {
  const router = new Router<ApiState>({ prefix: '/api' });
  // signInAttempts: sign-ins per client and minute are limited (counted before anything is read).
  // inputHygiene: text PostgreSQL cannot store is refused before any route reads it (the body
  // parser ran in app.ts; the path is checked as the matched route names its parts).
  // domainProblems: the domain's refusals (not visible, not permitted, …) become problems.
  router.use(noStore, signInAttempts(deps, '/api/auth/'), inputHygiene, readSession(deps), domainProblems);
  authRoutes(router, deps);
  authOptionsRoutes(router, deps);
  if (deps.config.sandbox) sandboxAuthRoutes(router, deps);
  meRoutes(router, deps);
  jssdkRoutes(router, deps);
  for (const feature of modules.flatMap((m) => m.api?.routers(deps) ?? []))
    router.use(feature.routes(), feature.allowedMethods());
  openApiRoutes(router, deps, modules);
  return router;
}
