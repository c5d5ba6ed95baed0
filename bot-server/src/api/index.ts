import Router from '@koa/router';
import type { Middleware } from 'koa';
import { auditRouter } from './audit/routes.js';
import { signInAttempts } from './auth/attempts.js';
import { authOptionsRoutes } from './auth/options.js';
import { authRoutes } from './auth/routes.js';
import { sandboxAuthRoutes } from './auth/sandbox-routes.js';
import { customFieldsRouter } from './custom-fields/routes.js';
import { externalCustomersRouter } from './customers/external-routes.js';
import { mergeCustomersRouter } from './customers/merge-routes.js';
import { domainProblems } from './customers/problems.js';
import { customersRouter } from './customers/routes.js';
import type { ApiDeps, ApiState } from './deps.js';
import { followUpsRouter } from './followups/routes.js';
import { inputHygiene } from './input-hygiene.js';
import { jssdkRoutes } from './jssdk/routes.js';
import { leadsRouter } from './leads/routes.js';
import { assignmentRulesRouter } from './leads/rules-routes.js';
import { meRoutes } from './me.js';
import { openApiRoutes } from './openapi/routes.js';
import { salesRouter } from './sales/routes.js';
import { readSession } from './session-middleware.js';
import { tagsRouter } from './tags/routes.js';
import { usersRouter } from './users/routes.js';

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
  for (const feature of [
    customersRouter(deps),
    externalCustomersRouter(deps),
    mergeCustomersRouter(deps),
    customFieldsRouter(deps),
    leadsRouter(deps),
    assignmentRulesRouter(deps),
    followUpsRouter(deps),
    auditRouter(deps),
    salesRouter(deps),
    usersRouter(deps),
    tagsRouter(deps),
  ])
    router.use(feature.routes(), feature.allowedMethods());
  openApiRoutes(router, deps);
  return router;
}
