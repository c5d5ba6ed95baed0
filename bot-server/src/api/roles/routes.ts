import { RoleAssignmentSchema, RoleSchema } from '@kelian/orm';
import Router from '@koa/router';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotVisibleError } from '../../domain/access/errors.js';
import { requireAdministration } from '../../domain/access/policy.js';
import { rolesOf } from '../../domain/auth/profile.js';
import { listCustomers } from '../../domain/customers/list.js';
import { customerView } from '../../domain/customers/view.js';
import { assignRole, removeRole } from '../../domain/roles/assign.js';
import { departmentTree } from '../../domain/roles/departments.js';
import { listPeople } from '../../domain/roles/directory.js';
import { createRole, deleteRole, roleById, updateRole } from '../../domain/roles/edit.js';
import { previewAccess } from '../../domain/roles/preview.js';
import { roleVocabulary } from '../../domain/roles/vocabulary.js';
import { parseInput } from '../../http/validate.js';
import { actingOf } from '../customers/acting.js';
import { encodeCursor } from '../customers/cursor.js';
import { customerJson, customerViewJson } from '../customers/present.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { personJson, roleJson } from './present.js';
import {
  peopleQuery,
  personRoleBody,
  personRoleParams,
  roleCreate,
  roleId,
  rolePatch,
  rolePreview,
} from './schemas.js';

// /api/roles and /api/admin/users: the administrator's roles, their rules, who holds them, and a
// preview of what a person would see under a role's unsaved rules. Administrators only (the policy
// refuses everyone else with 403), every change audited by the domain.

/** How many customers the preview's list shows: enough to see whose customers are in scope. */
const previewListLength = 10;

async function holdersByRole(em: EntityManager): Promise<Map<number, number>> {
  const held = await em.find(RoleAssignmentSchema, { user: { active: true } }, { fields: ['role'] });
  const counts = new Map<number, number>();
  for (const a of held) counts.set(a.role.id, (counts.get(a.role.id) ?? 0) + 1);
  return counts;
}

export function rolesRouter({ orm }: ApiDeps): Router<ApiState> {
  const router = new Router<ApiState>();
  const roleAnswer = async (id: number) =>
    roleJson(await roleById(orm.em, id), (await holdersByRole(orm.em)).get(id) ?? 0);
  const personAnswer = async (user: Parameters<typeof rolesOf>[1]) =>
    personJson(user, await rolesOf(orm.em, user));

  router.get('/roles', async (ctx) => {
    requireAdministration(await actingOf(ctx, orm.em), 'roles');
    const roles = await orm.em.find(RoleSchema, {}, { orderBy: [{ builtIn: 'desc' }, { id: 'asc' }] });
    const holders = await holdersByRole(orm.em);
    ctx.body = { items: roles.map((r) => roleJson(r, holders.get(r.id) ?? 0)) };
  });

  router.get('/roles/vocabulary', async (ctx) => {
    requireAdministration(await actingOf(ctx, orm.em), 'roles');
    ctx.body = roleVocabulary;
  });

  router.post('/roles', async (ctx) => {
    const role = await createRole(
      orm.em,
      await actingOf(ctx, orm.em),
      parseInput(roleCreate, ctx.request.body),
    );
    ctx.status = 201;
    ctx.set('Location', `/api/roles/${role.id}`);
    ctx.body = roleJson(role, 0);
  });

  router.post('/roles/preview', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { userId, roleId, scope, customerId, ...rules } = parseInput(rolePreview, ctx.request.body);
    const { user, access } = await previewAccess(orm.em, acting, { userId, roleId, scope, rules });
    const page = await listCustomers(orm.em, access, { sort: '-updatedAt', limit: previewListLength });
    const shown = customerId ?? page.customers[0]?.customer.id;
    const record = shown === undefined ? null : await customerView(orm.em, access, shown).catch(invisible);
    ctx.body = {
      user: { id: user.id, name: user.name },
      customers: page.customers.map(({ customer, changeable }) => customerJson(access, customer, changeable)),
      customer: record && customerViewJson(access, record),
    };
  });

  router.patch('/roles/:id', async (ctx) => {
    const { id } = parseInput(roleId, ctx.params);
    await updateRole(orm.em, await actingOf(ctx, orm.em), id, parseInput(rolePatch, ctx.request.body));
    ctx.body = await roleAnswer(id);
  });

  router.delete('/roles/:id', async (ctx) => {
    await deleteRole(orm.em, await actingOf(ctx, orm.em), parseInput(roleId, ctx.params).id);
    ctx.status = 204;
  });

  router.get('/admin/users', async (ctx) => {
    const acting = await actingOf(ctx, orm.em);
    const { cursor, ...query } = parseInput(peopleQuery, ctx.query);
    const page = await listPeople(orm.em, acting, { ...query, ...(cursor && { afterId: cursor.afterId }) });
    ctx.body = {
      items: page.people.map(({ user, roles }) => personJson(user, roles)),
      nextCursor: page.lastId === undefined ? null : encodeCursor({ afterId: page.lastId }),
    };
  });

  router.get('/admin/departments', async (ctx) => {
    ctx.body = { items: await departmentTree(orm.em, await actingOf(ctx, orm.em)) };
  });

  router.put('/admin/users/:id/roles/:roleId', async (ctx) => {
    const { id, roleId } = parseInput(personRoleParams, ctx.params);
    const body = parseInput(personRoleBody, ctx.request.body);
    ctx.body = await personAnswer(await assignRole(orm.em, await actingOf(ctx, orm.em), id, roleId, body));
  });

  router.delete('/admin/users/:id/roles/:roleId', async (ctx) => {
    const { id, roleId } = parseInput(personRoleParams, ctx.params);
    ctx.body = await personAnswer(await removeRole(orm.em, await actingOf(ctx, orm.em), id, roleId));
  });
  return router;
}

/** A customer the previewed person would not see: the preview says so rather than failing. */
function invisible(error: unknown): null {
  if (error instanceof NotVisibleError) return null;
  throw error;
}
