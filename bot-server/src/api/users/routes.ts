import { type User, UserSchema } from '@kelian/orm';
import Router from '@koa/router';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { userScope } from '../../domain/access/scope.js';
import { containsPattern } from '../../domain/lists/contains.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { usersQuery } from './schemas.js';

// GET /api/users: the people the mini-app offers as owners (更换负责人, the owner filter). The same
// read scope that decides whose customers one sees decides whom one may pick: a rep (self) gets
// themself, a manager their department (tree), an administrator everyone.

export function usersRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  router.get('/users', async (ctx) => {
    const { access } = await actingOf(ctx, orm.em);
    const { q } = parseInput(usersQuery, ctx.query);
    const where: FilterQuery<User> = {
      $and: [{ active: true }, userScope(access), ...(q ? [{ name: { $ilike: containsPattern(q) } }] : [])],
    };
    const users = await orm.em.find(UserSchema, where, {
      populate: ['department'],
      orderBy: [{ department: { name: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
      limit: 500,
    });
    ctx.body = {
      items: users.map((u) => ({
        id: u.id,
        name: u.name,
        department: u.department ? { id: u.department.id, name: u.department.name } : null,
      })),
    };
  });
  return router;
}
