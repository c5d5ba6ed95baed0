import {
  CustomerSchema,
  DepartmentSchema,
  FollowUpSchema,
  OpportunitySchema,
  SalesTargetSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { monthRange, wonCents } from './targets.js';

// The 首页 figures of one user for one month: their own work, and for a manager their team's (the
// department they belong to, with its sub-departments, as the team target's achievement counts it).

export interface MonthFigures {
  newCustomers: number;
  followUps: number;
  wonCents: number;
  targetCents: number | null;
  openDeals: number;
  openAmountCents: number;
}

export interface MyFigures extends MonthFigures {
  month: string;
  /** The manager's team; null for someone who manages no team. */
  team: (MonthFigures & { department: { id: number; name: string } }) | null;
}

type Who = { userId: number } | { departmentPath: string };

/** Whose work counts: one user's, or everyone's in a department tree. */
const byOwner = (who: Who) =>
  'userId' in who ? who.userId : { department: { path: { $like: `${who.departmentPath}%` } } };

async function figuresOf(
  em: EntityManager,
  range: { from: Date; to: Date },
  who: Who,
  target: Promise<{ amountCents: number } | null>,
): Promise<MonthFigures> {
  const owner = byOwner(who);
  const during = { $gte: range.from, $lt: range.to };
  const [newCustomers, followUps, won, targetRow, open] = await Promise.all([
    em.count(CustomerSchema, { owner, deletedAt: null, createdAt: during }),
    em.count(FollowUpSchema, { author: owner, occurredAt: during, customer: { deletedAt: null } }),
    wonCents(em, range, who),
    target,
    em.find(
      OpportunitySchema,
      { owner, status: 'open', deletedAt: null, customer: { deletedAt: null } },
      { fields: ['amountCents'] },
    ),
  ]);
  return {
    newCustomers,
    followUps,
    wonCents: won,
    targetCents: targetRow?.amountCents ?? null,
    openDeals: open.length,
    openAmountCents: open.reduce((sum, d) => sum + d.amountCents, 0),
  };
}

export async function myFigures(
  em: EntityManager,
  acting: Acting,
  month: string,
  timeZone: string,
): Promise<MyFigures> {
  const range = monthRange(month, timeZone);
  const me = acting.user.id;
  // A manager leads the department they are in; managing rights alone (an admin without a
  // department) name no team.
  const team =
    acting.access.managerGrants.length > 0 && acting.user.department
      ? await em.findOne(DepartmentSchema, acting.user.department.id)
      : null;
  const [mine, teams] = await Promise.all([
    figuresOf(em, range, { userId: me }, em.findOne(SalesTargetSchema, { user: me, month })),
    team
      ? figuresOf(
          em,
          range,
          { departmentPath: team.path },
          em.findOne(SalesTargetSchema, { department: team.id, month }),
        )
      : null,
  ]);
  return {
    month,
    ...mine,
    team: team && teams ? { department: { id: team.id, name: team.name }, ...teams } : null,
  };
}
