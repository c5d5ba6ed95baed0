import type Router from '@koa/router';
import { rolesOf } from '../domain/auth/profile.js';
import type { ApiDeps, ApiState } from './deps.js';
import { presentProfile } from './present.js';
import { currentUser, requireUser } from './session-middleware.js';

/** GET /api/me: who the session belongs to, their department, and their roles with data scopes. */
export function meRoutes(router: Router<ApiState>, { orm }: ApiDeps): void {
  router.get('/me', requireUser, async (ctx) => {
    const user = currentUser(ctx);
    ctx.body = presentProfile(user, await rolesOf(orm.em, user));
  });
}
