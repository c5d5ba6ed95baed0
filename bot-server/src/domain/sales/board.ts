import { type Opportunity, OpportunitySchema, type PipelineStage } from '@kelian/orm';
import { type EntityManager, type FilterQuery, type QBFilterQuery, raw } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { opportunityScope } from '../access/scope.js';
import { atLocalHour, localDate } from '../followups/local-time.js';
import { activeStages } from './stages.js';
import { opportunityPopulate } from './store.js';

// The kanban: every active open stage in order with its open deals, then won and lost with the
// deals closed this month (in the display time zone), so the closed columns stay short. A column
// counts and sums all its deals, but shows only the ones that moved into it last: a company's board
// holds tens of thousands of open deals, far more than a phone shows or a request should load.

/** The deals a column shows, those that entered the stage last. */
export const boardColumnDeals = 50;

export interface BoardColumn {
  stage: PipelineStage;
  /** The column's newest deals (by stage change), at most boardColumnDeals. */
  deals: Opportunity[];
  count: number;
  amountCents: number;
}

/** The first instant of the month `at` falls in, in `timeZone`. */
export const monthStart = (at: Date, timeZone: string): Date =>
  atLocalHour(`${localDate(at, timeZone).slice(0, 7)}-01`, 0, timeZone);

export async function opportunityBoard(
  em: EntityManager,
  access: Access,
  timeZone: string,
  filter: { ownerId?: number } = {},
): Promise<BoardColumn[]> {
  const stages = await activeStages(em);
  const since = monthStart(new Date(), timeZone);
  const seen: FilterQuery<Opportunity>[] = [
    opportunityScope(access, 'read'),
    ...(filter.ownerId === undefined ? [] : [{ owner: filter.ownerId }]),
  ];
  const inColumn = (stage: PipelineStage): FilterQuery<Opportunity> =>
    stage.outcome === 'open'
      ? { stage: stage.id, status: 'open' }
      : { stage: stage.id, status: stage.outcome, closedAt: { $gte: since } };
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
    const deals =
      total.count === 0
        ? []
        : await em.find(
            OpportunitySchema,
            { $and: [...seen, inColumn(stage)] },
            {
              populate: opportunityPopulate,
              orderBy: [{ stageChangedAt: 'desc' }, { id: 'desc' }],
              limit: boardColumnDeals,
            },
          );
    columns.push({ stage, deals, ...total });
  }
  return columns;
}
