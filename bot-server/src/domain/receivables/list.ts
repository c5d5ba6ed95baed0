import { type ReceivableInstalment, ReceivableInstalmentSchema } from '@kelian/orm';
import { type EntityManager, type FilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { addDays } from '../followups/local-time.js';
import { openCents } from './rules.js';
import { instalmentPopulate, receivableScope } from './store.js';

// Finance's lists of instalments, as of the company's `today`: 即将到期 (open, due within 30 days),
// 已逾期 (open, due date passed), 全部; earliest due first, a keyset page on (due date, id).

export const receivableViews = ['due', 'overdue', 'all'] as const;
export type ReceivableView = (typeof receivableViews)[number];

const dueSoonDays = 30;

export interface InstalmentQuery {
  view: ReceivableView;
  today: string;
  limit: number;
  after?: { dueDate: string; id: number } | undefined;
  customerId?: number | undefined;
  contractId?: number | undefined;
}

/** Still owed: open, with less received than planned. */
const owing = (): FilterQuery<ReceivableInstalment> => ({
  state: 'open',
  [raw((alias) => `${alias}.received_cents < ${alias}.amount_cents`)]: [],
});

function viewFilter(view: ReceivableView, today: string): FilterQuery<ReceivableInstalment> {
  if (view === 'overdue') return { $and: [owing(), { dueDate: { $lt: today } }] };
  if (view === 'due')
    return { $and: [owing(), { dueDate: { $gte: today, $lte: addDays(today, dueSoonDays) } }] };
  return {};
}

export async function listInstalments(
  em: EntityManager,
  access: Access,
  query: InstalmentQuery,
): Promise<{ instalments: ReceivableInstalment[]; next: { dueDate: string; id: number } | null }> {
  const { after } = query;
  const rows = await em.find(
    ReceivableInstalmentSchema,
    {
      $and: [
        receivableScope(access, 'read'),
        viewFilter(query.view, query.today),
        query.customerId === undefined ? {} : { customer: query.customerId },
        query.contractId === undefined ? {} : { contract: query.contractId },
        after === undefined
          ? {}
          : { $or: [{ dueDate: { $gt: after.dueDate } }, { dueDate: after.dueDate, id: { $gt: after.id } }] },
      ],
    },
    { orderBy: { dueDate: 'asc', id: 'asc' }, limit: query.limit + 1, populate: instalmentPopulate },
  );
  const instalments = rows.slice(0, query.limit);
  const last = instalments.at(-1);
  return {
    instalments,
    next: rows.length > query.limit && last ? { dueDate: last.dueDate, id: last.id } : null,
  };
}

export interface ReceivableTotals {
  plannedCents: number;
  receivedCents: number;
  openCents: number;
  overdueCents: number;
}

/** The sums over a set of instalments (a contract's plan, a customer's plans), cancelled ones left out. */
export function totalsOf(instalments: readonly ReceivableInstalment[], today: string): ReceivableTotals {
  const totals = { plannedCents: 0, receivedCents: 0, openCents: 0, overdueCents: 0 };
  for (const i of instalments) {
    if (i.state === 'cancelled') continue;
    totals.plannedCents += i.amountCents;
    totals.receivedCents += i.receivedCents;
    totals.openCents += openCents(i);
    if (i.dueDate < today) totals.overdueCents += openCents(i);
  }
  return totals;
}
