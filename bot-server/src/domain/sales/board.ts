import { type Opportunity, OpportunitySchema, type PipelineStage } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { opportunityScope } from '../access/scope.js';
import { atLocalHour, localDate } from '../followups/local-time.js';
import { activeStages } from './stages.js';
import { opportunityPopulate } from './store.js';

// The kanban: every active open stage in order with its open deals, then won and lost with the
// deals closed this month (in the display time zone), so the closed columns stay short.

export interface BoardColumn {
  stage: PipelineStage;
  deals: Opportunity[];
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
  const where: FilterQuery<Opportunity> = {
    $and: [
      opportunityScope(access, 'read'),
      { stage: { $in: stages.map((s) => s.id) } },
      { $or: [{ status: 'open' }, { closedAt: { $gte: since } }] },
      ...(filter.ownerId === undefined ? [] : [{ owner: filter.ownerId }]),
    ],
  };
  const deals = await em.find(OpportunitySchema, where, {
    populate: opportunityPopulate,
    orderBy: { stageChangedAt: 'desc', id: 'desc' },
  });
  return stages.map((stage) => {
    const inStage = deals.filter((d) => d.stage.id === stage.id && d.status === stage.outcome);
    return { stage, deals: inStage, amountCents: inStage.reduce((sum, d) => sum + d.amountCents, 0) };
  });
}
