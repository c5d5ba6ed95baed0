import type { User } from '@kelian/orm';
import type { Access } from './access.js';

/** Where a change came from, as the audit log records it. */
export type Via = 'api' | 'bot' | 'card' | 'import' | 'sync';

/** Who acts, with what access, through which surface: the first argument of every domain command. */
export interface Acting {
  user: User;
  access: Access;
  via: Via;
  /** The request (or callback) id, so the audit log and the logs can be joined. */
  requestId?: string;
}
