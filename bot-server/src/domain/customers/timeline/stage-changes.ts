import { type StageChange, StageChangeSchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

/**
 * A deal moving between open stages. Its start is opportunities-opened.ts and its close (a move to
 * a won or lost stage, or a close without one) is opportunities-closed.ts, so that each event shows
 * once whichever rows the deal's service writes for it.
 */
export const stageChangesSource = rowSource<StageChange>({
  name: 'stage',
  entity: StageChangeSchema,
  column: 'at',
  where: ({ customer }) => ({
    opportunity: { customer: customer.id, deletedAt: null },
    fromStage: { $ne: null },
    toStage: { outcome: 'open' },
  }),
  populate: ['opportunity', 'fromStage', 'toStage', 'by'],
  entry: (change) => ({
    at: change.at,
    type: 'stage',
    title: `商机「${change.opportunity.name}」：${change.fromStage?.name} → ${change.toStage.name}`,
    body: change.note ?? null,
    by: personOf(change.by),
  }),
});
