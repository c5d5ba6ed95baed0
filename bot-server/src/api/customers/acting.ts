import type { EntityManager } from '@mikro-orm/postgresql';
import { accessOf } from '../../domain/access/access.js';
import type { Acting } from '../../domain/access/acting.js';
import type { ApiContext } from '../deps.js';
import { currentUser } from '../session-middleware.js';

/** The signed-in user of the request as the domain sees them (a 401 problem without a session). */
export async function actingOf(ctx: ApiContext, em: EntityManager): Promise<Acting> {
  const user = currentUser(ctx);
  return { user, access: await accessOf(em, user), via: 'api', requestId: ctx.state.requestId };
}
