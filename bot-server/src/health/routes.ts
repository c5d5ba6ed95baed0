import { pendingMigrations } from '@kelian/orm';
import Router from '@koa/router';
import type { MikroORM } from '@mikro-orm/postgresql';
import { administratorCount, noAdministratorText } from '../domain/roles/administrators.js';
import { Problem } from '../http/problem.js';

// /healthz: the process answers. /readyz: it can do real work (database reachable, schema current),
// which is what a load balancer should route on. What keeps people from using it without making the
// server unready (nobody administers Kelian yet: the bot must still answer) is listed in `details`.
export function healthRoutes(orm: MikroORM): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await orm.em.getConnection().execute('select 1');
    } catch {
      throw new Problem(503, 'database-unavailable', '数据库暂时无法连接');
    }
    const pending = await pendingMigrations(orm);
    if (pending.length > 0) {
      throw new Problem(
        503,
        'migrations-pending',
        '数据库结构尚未更新',
        `待执行的迁移：${pending.join(', ')}`,
      );
    }
    const administrators = await administratorCount(orm.em.fork());
    ctx.body = {
      status: 'ready',
      ...(administrators === 0 && { details: [{ code: 'no-administrator', title: noAdministratorText }] }),
    };
  });
  return router;
}
