import { CustomerSchema, FollowUpSchema, OpportunitySchema, SalesTargetSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { monthRange, wonCents } from './targets.js';

// The 首页 figures of one user for one month: their own work, so no scope beyond "mine" applies.

export interface MyFigures {
  month: string;
  newCustomers: number;
  followUps: number;
  wonCents: number;
  targetCents: number | null;
  openDeals: number;
  openAmountCents: number;
}

export async function myFigures(
  em: EntityManager,
  acting: Acting,
  month: string,
  timeZone: string,
): Promise<MyFigures> {
  const me = acting.user.id;
  const range = monthRange(month, timeZone);
  const during = { $gte: range.from, $lt: range.to };
  const [newCustomers, followUps, won, target, open] = await Promise.all([
    em.count(CustomerSchema, { owner: me, deletedAt: null, createdAt: during }),
    em.count(FollowUpSchema, { author: me, occurredAt: during, customer: { deletedAt: null } }),
    wonCents(em, range, { userId: me }),
    em.findOne(SalesTargetSchema, { user: me, month }),
    em.find(
      OpportunitySchema,
      { owner: me, status: 'open', deletedAt: null, customer: { deletedAt: null } },
      {
        fields: ['amountCents'],
      },
    ),
  ]);
  return {
    month,
    newCustomers,
    followUps,
    wonCents: won,
    targetCents: target?.amountCents ?? null,
    openDeals: open.length,
    openAmountCents: open.reduce((sum, d) => sum + d.amountCents, 0),
  };
}
