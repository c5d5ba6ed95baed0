import type { EntityManager } from '@mikro-orm/postgresql';
import { type Acting, actingAs } from '../../domain/access/acting.js';
import type { ApiContext } from '../deps.js';
import { currentUser } from '../session-middleware.js';

/** The signed-in user of the request as the domain sees them (a 401 problem without a session). */
export async function actingOf(ctx: ApiContext, em: EntityManager): Promise<Acting> {
  return actingAs(em, currentUser(ctx), 'api', ctx.state.requestId);
}
