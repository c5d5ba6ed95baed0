import { type AuditAction, AuditLogSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { type Changes, created } from './changes.js';

export interface AuditEntry {
  action: AuditAction;
  objectType: string;
  objectId: string | number;
  /** Field → { before, after } for changes; `{ fields: [...] }` for reveals and exports. */
  changes: Changes | { fields: string[]; [detail: string]: unknown };
}

/** Who an entry names: the acting person, or nobody when Kelian itself acts (its configuration). */
export type Auditor = Pick<Acting, 'via' | 'requestId'> & { user: Pick<User, 'id'> | null };

/**
 * Adds an entry to the audit log in the caller's unit of work: it is written by the same flush,
 * in the same transaction, as the change it records, so there is never one without the other.
 */
export function audit(em: EntityManager, acting: Auditor, entry: AuditEntry): void {
  em.create(AuditLogSchema, {
    actor: acting.user ? em.getReference(UserSchema, acting.user.id) : null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: String(entry.objectId),
    changes: entry.changes,
    via: acting.via,
    requestId: acting.requestId ?? null,
  });
}

/**
 * Writes a new record (so it has its id), then its creation in the audit log with the values
 * `snapshot` reads from it once written (defaults filled in), in the caller's transaction.
 */
export async function auditCreated<T extends { id: number }>(
  tx: EntityManager,
  acting: Acting,
  objectType: string,
  record: T,
  snapshot: (record: T) => Record<string, unknown>,
): Promise<void> {
  await tx.flush();
  audit(tx, acting, {
    action: 'create',
    objectType,
    objectId: record.id,
    changes: created(snapshot(record)),
  });
  await tx.flush();
}
