import { type AuditAction, type AuditLog, AuditLogSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { requireAdministration } from '../access/policy.js';
import { accountsOf } from '../org/merge/accounts.js';

export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  actorId?: number;
  action?: AuditAction;
  /** From this moment on, inclusive. */
  from?: Date;
  /** Before this moment. */
  to?: Date;
  /** Entries older than this one (the last id of the previous page). */
  beforeId?: number;
  limit: number;
}

export interface AuditPage {
  entries: AuditLog[];
  /** The last entry's id when more entries follow. */
  lastId?: number;
}

/** The audit log, newest first, for administrators only. */
export async function auditEntries(em: EntityManager, access: Access, query: AuditQuery): Promise<AuditPage> {
  requireAdministration({ access }, 'auditLog');
  const where: FilterQuery<AuditLog> = {
    ...(query.objectType === undefined ? {} : { objectType: query.objectType }),
    ...(query.objectId === undefined ? {} : { objectId: query.objectId }),
    ...(query.actorId === undefined ? {} : { actor: { $in: await accountsOf(em, query.actorId) } }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.from || query.to
      ? { at: { ...(query.from && { $gte: query.from }), ...(query.to && { $lt: query.to }) } }
      : {}),
    ...(query.beforeId === undefined ? {} : { id: { $lt: query.beforeId } }),
  };
  // The id is the log's order: entries are only ever appended.
  const entries = await em.find(AuditLogSchema, where, {
    orderBy: { id: 'desc' },
    limit: query.limit + 1,
    populate: ['actor'],
  });
  const more = entries.length > query.limit;
  if (more) entries.pop();
  return more ? { entries, lastId: entries.at(-1)!.id } : { entries };
}
