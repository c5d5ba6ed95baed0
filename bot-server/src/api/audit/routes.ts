import type { AuditLog } from '@kelian/orm';
import Router from '@koa/router';
import { auditEntries } from '../../domain/audit/entries.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { auditQuery } from './schemas.js';

// GET /api/audit: the audit log, newest first, for administrators (403 for everyone else).

const entryJson = (entry: AuditLog) => ({
  id: entry.id,
  at: entry.at,
  actor: entry.actor ? { id: entry.actor.id, name: entry.actor.name } : null,
  action: entry.action,
  objectType: entry.objectType,
  objectId: entry.objectId,
  changes: entry.changes,
  via: entry.via,
  requestId: entry.requestId,
});

export function auditRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  router.get('/audit', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const { cursor, actor, ...query } = parseInput(auditQuery, ctx.query);
    const page = await auditEntries(orm.em, access, {
      ...query,
      ...(actor !== undefined && { actorId: actor }),
      ...(cursor && { beforeId: cursor.beforeId }),
    });
    ctx.body = {
      items: page.entries.map(entryJson),
      nextCursor: page.lastId === undefined ? null : encodeCursor({ beforeId: page.lastId }),
    };
  });
  return router;
}
