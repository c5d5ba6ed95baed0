import type { User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Access, accessOf } from './access.js';

/**
 * Where a change came from, as the audit log records it: `config` and `cli` are Kelian's own
 * start-up (ADMIN_USERS) and its command line (npm run admin), which no signed-in person makes;
 * `timer` is a scheduled scan acting when time ran out (an approval handed on after 48 hours).
 */
export type Via = 'api' | 'bot' | 'card' | 'import' | 'sync' | 'config' | 'cli' | 'timer';

/** Who acts, with what access, through which surface: the first argument of every domain command. */
export interface Acting {
  user: User;
  access: Access;
  via: Via;
  /** The request (or callback) id, so the audit log and the logs can be joined. */
  requestId?: string;
}

/** The one builder of the acting user: the API's requests, the bot's commands and card clicks, syncs. */
export async function actingAs(em: EntityManager, user: User, via: Via, requestId?: string): Promise<Acting> {
  return { user, access: await accessOf(em, user), via, ...(requestId === undefined ? {} : { requestId }) };
}
