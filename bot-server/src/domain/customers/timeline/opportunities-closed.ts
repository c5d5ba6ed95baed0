import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

/** A deal won or lost, at the time it closed; a lost deal says why. */
export const opportunitiesClosedSource = rowSource<Opportunity>({
  name: 'opportunity_closed',
  entity: OpportunitySchema,
  column: 'closed_at',
  where: ({ customer }) => ({
    customer: customer.id,
    deletedAt: null,
    status: { $in: ['won', 'lost'] },
    closedAt: { $ne: null },
  }),
  populate: ['owner'],
  entry: (deal) => ({
    at: deal.closedAt!,
    type: deal.status === 'won' ? 'won' : 'lost',
    title: deal.status === 'won' ? `赢单：商机「${deal.name}」` : `输单：商机「${deal.name}」`,
    body: deal.status === 'lost' && deal.lostReason ? `原因：${deal.lostReason}` : null,
    by: personOf(deal.owner),
  }),
});
