import { type Department, DepartmentSchema, SalesTargetSchema, type User, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { usersCovered } from '../access/policy.js';
import { departmentScope, monthRange, targetSetter, wonByOwner } from './targets.js';

// The month's targets as the one who sets them fills them in: every team in their scope, and under
// it the people who sell, each with their target (null: none set yet) and what they won. The list
// of targets (targets.ts) has only the targets that exist; a sheet needs the empty cells too.

export interface SheetPerson {
  user: User;
  amountCents: number | null;
  achievedCents: number;
}

export interface SheetTeam {
  /** Null: the people in scope whose department is not shown (none, or outside the scope). */
  department: Department | null;
  /** How far below the topmost team shown (0) it sits in the org tree. */
  depth: number;
  amountCents: number | null;
  achievedCents: number;
  members: SheetPerson[];
}

/**
 * Those who sell: active people in the setter's scope who hold a role that may edit deals (so may
 * win one), and anyone who already has a target this month.
 */
async function sellers(em: EntityManager, acting: Acting, targeted: number[]): Promise<User[]> {
  const rows = await em.getConnection().execute<{ user_id: number }[]>(
    `select distinct ra.user_id from role_assignment ra join role r on r.id = ra.role_id
      where r.rights -> 'opportunity' @> '"edit"'::jsonb`,
    [],
    'all',
    em.getTransactionContext(),
  );
  const ids = [...rows.map((r) => r.user_id), ...targeted];
  return em.find(
    UserSchema,
    { $and: [{ active: true, id: { $in: ids } }, usersCovered(acting.access, 'customer', 'reassign')] },
    { populate: ['department'], orderBy: { name: 'asc', id: 'asc' } },
  );
}

export async function targetSheet(
  em: EntityManager,
  acting: Acting,
  month: string,
  timeZone: string,
): Promise<SheetTeam[]> {
  const managing = targetSetter(acting);
  const targets = await em.find(SalesTargetSchema, { month });
  const targetOf = (key: 'user' | 'department', id: number) =>
    targets.find((t) => t[key]?.id === id)?.amountCents ?? null;
  const people = await sellers(
    em,
    acting,
    targets.flatMap((t) => (t.user ? [t.user.id] : [])),
  );
  const won = await wonByOwner(em, monthRange(month, timeZone));
  const wonBy = (id: number) => won.find((w) => w.ownerId === id)?.cents ?? 0;
  const wonUnder = (path: string) =>
    won.reduce((sum, w) => sum + (w.departmentPath?.startsWith(path) ? w.cents : 0), 0);
  const person = (user: User): SheetPerson => ({
    user,
    amountCents: targetOf('user', user.id),
    achievedCents: wonBy(user.id),
  });

  // The teams that have sellers in them or under them, or a target, parents before children.
  const departments = (
    await em.find(DepartmentSchema, departmentScope(managing, null), { orderBy: { path: 'asc', id: 'asc' } })
  ).filter(
    (d) => targetOf('department', d.id) !== null || people.some((p) => p.department?.path.startsWith(d.path)),
  );
  const depthOf = (d: Department) => d.path.split('/').length;
  const top = Math.min(...departments.map(depthOf));
  const teams: SheetTeam[] = departments.map((department) => ({
    department,
    depth: depthOf(department) - top,
    amountCents: targetOf('department', department.id),
    achievedCents: wonUnder(department.path),
    members: people.filter((p) => p.department?.id === department.id).map(person),
  }));
  const homeless = people.filter((p) => !departments.some((d) => d.id === p.department?.id));
  if (homeless.length > 0)
    teams.push({
      department: null,
      depth: 0,
      amountCents: null,
      achievedCents: 0,
      members: homeless.map(person),
    });
  return teams;
}
