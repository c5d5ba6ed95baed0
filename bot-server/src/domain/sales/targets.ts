import {
  type Department,
  DepartmentSchema,
  type SalesTarget,
  SalesTargetSchema,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, NotVisibleError, RefusedError } from '../access/errors.js';
import { departmentCondition, grantsFor, usersCovered } from '../access/policy.js';
import { userScope } from '../access/scope.js';
import { audit } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { addDays, atLocalHour } from '../followups/local-time.js';

// Monthly targets of reps and teams. What was achieved is computed from won deals (closed in that
// month, in the display time zone), never stored: a deal won, or a won deal corrected, counts at once.

/** The instants a `YYYY-MM` month starts and ends at in `timeZone`. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const first = `${month}-01`;
  const next = addDays(`${month}-28`, 4).slice(0, 7);
  return { from: atLocalHour(first, 0, timeZone), to: atLocalHour(`${next}-01`, 0, timeZone) };
}

/** Won amount (cents) of deals closed in the range, owned by the user or by anyone in the department tree. */
export async function wonCents(
  em: EntityManager,
  range: { from: Date; to: Date },
  who: { userId: number } | { departmentPath: string },
): Promise<number> {
  const byOwner =
    'userId' in who
      ? { sql: 'o.owner_id = ?', value: who.userId }
      : { sql: 'd.path like ?', value: `${who.departmentPath}%` };
  const [row] = await em
    .getConnection()
    .execute<{ sum: string }[]>(
      `select coalesce(sum(o.amount_cents), 0)::text as sum ${wonDeals} and ${byOwner.sql}`,
      [range.from, range.to, byOwner.value],
      'all',
      em.getTransactionContext(),
    );
  return Number(row?.sum ?? 0);
}

/** The deals won in a range (bound to the two `?`), with their owner `u` and the owner's department `d`. */
const wonDeals = `from opportunity o join app_user u on u.id = o.owner_id left join department d on d.id = u.department_id
  where o.status = 'won' and o.deleted_at is null and o.closed_at >= ? and o.closed_at < ?`;

/** Won amount (cents) of deals closed in the range, per owner, with the path of the owner's department. */
export async function wonByOwner(
  em: EntityManager,
  range: { from: Date; to: Date },
): Promise<{ ownerId: number; departmentPath: string | null; cents: number }[]> {
  const rows = await em
    .getConnection()
    .execute<{ owner_id: number; path: string | null; sum: string }[]>(
      `select o.owner_id, d.path, sum(o.amount_cents)::text as sum ${wonDeals} group by o.owner_id, d.path`,
      [range.from, range.to],
      'all',
      em.getTransactionContext(),
    );
  return rows.map((r) => ({ ownerId: r.owner_id, departmentPath: r.path, cents: Number(r.sum) }));
}

/** The departments whose targets a user sees: their own team, and the teams their scope covers. */
export function departmentScope(access: Access, own: Department | null | undefined): FilterQuery<Department> {
  const covered = departmentCondition(access.grants);
  // Every department (an `all` grant): an empty condition inside $or would match nothing.
  if (Object.keys(covered).length === 0) return {};
  return { $or: [covered, { id: own?.id ?? 0 }] } as FilterQuery<Department>;
}

export interface TargetWithAchieved {
  target: SalesTarget;
  achievedCents: number;
}

export async function listTargets(
  em: EntityManager,
  acting: Acting,
  month: string,
  timeZone: string,
): Promise<TargetWithAchieved[]> {
  const range = monthRange(month, timeZone);
  const targets = await em.find(
    SalesTargetSchema,
    {
      month,
      $or: [
        { user: userScope(acting.access) },
        { department: departmentScope(acting.access, acting.user.department) },
      ],
    },
    {
      populate: ['user', 'department'],
      orderBy: { department: { path: 'asc' }, user: { name: 'asc' }, id: 'asc' },
    },
  );
  return Promise.all(
    targets.map(async (target) => ({
      target,
      achievedCents: await wonCents(
        em,
        range,
        target.user ? { userId: target.user.id } : { departmentPath: target.department!.path },
      ),
    })),
  );
}

/**
 * The access of someone who sets targets: those who hand customers over in their scope (managers
 * and admins), limited to that right; anyone else is refused.
 */
export function targetSetter(acting: Acting): Access {
  const managing = { ...acting.access, grants: grantsFor(acting.access, 'customer', 'reassign') };
  if (managing.grants.length === 0) throw new NotPermittedError('targets-managers-only');
  return managing;
}

/** The user a target is for, if in the setter's scope; one who left gets none (their month is over). */
async function activeUser(em: EntityManager, acting: Acting, id: number) {
  const user = await em.findOne(UserSchema, {
    $and: [{ id }, usersCovered(acting.access, 'customer', 'reassign')],
  });
  if (user && !user.active) throw new RefusedError('target-user-left', { name: user.name });
  return user;
}

export type TargetOf = { userId: number } | { departmentId: number };

/** Sets a rep's or a team's target for the month: managers over them, and admins. */
export async function setTarget(
  em: EntityManager,
  acting: Acting,
  month: string,
  of: TargetOf,
  amountCents: number,
): Promise<SalesTarget> {
  const managing = targetSetter(acting);
  return em.transactional(async (tx) => {
    const where =
      'userId' in of
        ? { user: (await activeUser(tx, acting, of.userId))?.id }
        : {
            department: (
              await tx.findOne(DepartmentSchema, {
                $and: [{ id: of.departmentId }, departmentScope(managing, null)],
              })
            )?.id,
          };
    if (Object.values(where)[0] === undefined)
      throw new NotVisibleError('userId' in of ? 'user' : 'department');
    const target =
      (await tx.findOne(SalesTargetSchema, { ...where, month })) ??
      tx.create(SalesTargetSchema, { ...where, month, amountCents: 0 });
    const before = { amountCents: target.id ? target.amountCents : null };
    target.amountCents = amountCents;
    await tx.flush();
    audit(tx, acting, {
      action: before.amountCents === null ? 'create' : 'update',
      objectType: 'sales_target',
      objectId: target.id,
      changes: changesBetween(before, { amountCents }),
    });
    await tx.flush();
    await tx.populate(target, ['user', 'department']);
    return target;
  });
}
