import { type Opportunity, OpportunitySchema, type PipelineStage } from '@kelian/orm';
import { type EntityManager, type FilterQuery, type QBFilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { opportunityScope } from '../access/scope.js';
import { atLocalHour, localDate } from '../followups/local-time.js';
import { activeStages } from './stages.js';
import { opportunityPopulate } from './store.js';

// The kanban: every active open stage in order with its open deals, then won and lost with the
// deals closed this month (in the display time zone), so the closed columns stay short. A column
// counts and sums all its deals, but shows only the ones that moved into it last, a page at a time:
// a company's board holds tens of thousands of open deals, far more than a phone shows or a request
// should load.

/** The deals a column shows, those that entered the stage last. */
export const boardColumnDeals = 50;

/** Where a column's page ended: the last deal shown, in the column's order. */
export interface BoardPosition {
  stageChangedAt: string;
  id: number;
}

export interface BoardColumn {
  stage: PipelineStage;
  /** The column's newest deals (by stage change), at most boardColumnDeals. */
  deals: Opportunity[];
  /** Where the next page of the column starts; null when every deal is shown. */
  next: BoardPosition | null;
  count: number;
  amountCents: number;
}

export interface BoardFilter {
  ownerId?: number;
}

/** The first instant of the month `at` falls in, in `timeZone`. */
export const monthStart = (at: Date, timeZone: string): Date =>
  atLocalHour(`${localDate(at, timeZone).slice(0, 7)}-01`, 0, timeZone);

/** The deals the viewer sees in a column: open ones in their stage, closed ones of this month. */
function columnConditions(access: Access, timeZone: string, filter: BoardFilter) {
  const since = monthStart(new Date(), timeZone);
  const seen: FilterQuery<Opportunity>[] = [
    opportunityScope(access, 'read'),
    ...(filter.ownerId === undefined ? [] : [{ owner: filter.ownerId }]),
  ];
  const inColumn = (stage: PipelineStage): FilterQuery<Opportunity> =>
    stage.outcome === 'open'
      ? { stage: stage.id, status: 'open' }
      : { stage: stage.id, status: stage.outcome, closedAt: { $gte: since } };
  return { seen, inColumn };
}

export async function opportunityBoard(
  em: EntityManager,
  access: Access,
  timeZone: string,
  filter: BoardFilter = {},
): Promise<BoardColumn[]> {
  const stages = await activeStages(em);
  const { seen, inColumn } = columnConditions(access, timeZone, filter);
  const totals = new Map<number, { count: number; amountCents: number }>();
  if (stages.length > 0) {
    const rows: { stage: number; count: string; amount: string }[] = await em
      .createQueryBuilder(OpportunitySchema, 'o')
      .select(['o.stage', raw('count(*) as count'), raw('coalesce(sum(o.amount_cents), 0) as amount')])
      // The builder takes any FilterQuery at run time; its types want their own form.
      .where({ $and: [...seen, { $or: stages.map(inColumn) }] } as QBFilterQuery<Opportunity>)
      .groupBy('o.stage')
      .execute();
    for (const r of rows) totals.set(r.stage, { count: Number(r.count), amountCents: Number(r.amount) });
  }
  const columns: BoardColumn[] = [];
  // One column after another: a request's context runs one query at a time.
  for (const stage of stages) {
    const total = totals.get(stage.id) ?? { count: 0, amountCents: 0 };
    const page =
      total.count === 0
        ? { deals: [], next: null }
        : await boardColumnPage(em, access, timeZone, stage, filter);
    columns.push({ stage, ...page, ...total });
  }
  return columns;
}

/**
 * A page of one column: the deals that entered the stage before `after` (the board's first page
 * when absent), newest first, as the board shows them. The mini-app's 加载更多 under a long column.
 */
export async function boardColumnPage(
  em: EntityManager,
  access: Access,
  timeZone: string,
  stage: PipelineStage,
  filter: BoardFilter,
  after?: BoardPosition,
): Promise<Pick<BoardColumn, 'deals' | 'next'>> {
  const { seen, inColumn } = columnConditions(access, timeZone, filter);
  const before: FilterQuery<Opportunity>[] = after
    ? [
        {
          [raw(
            (a) => `(${a}.stage_changed_at, ${a}.id) < (?::timestamptz, ?)`,
            [after.stageChangedAt, after.id],
          )]: [],
        },
      ]
    : [];
  const found = await em.find(
    OpportunitySchema,
    { $and: [...seen, inColumn(stage), ...before] },
    {
      populate: opportunityPopulate,
      orderBy: [{ stageChangedAt: 'desc' }, { id: 'desc' }],
      limit: boardColumnDeals + 1,
    },
  );
  const deals = found.slice(0, boardColumnDeals);
  const last = deals.at(-1);
  return {
    deals,
    next:
      found.length > boardColumnDeals && last
        ? { stageChangedAt: last.stageChangedAt.toISOString(), id: last.id }
        : null,
  };
}
