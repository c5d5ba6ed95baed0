import { type Opportunity, OpportunitySchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

/** A new deal with the customer. */
export const opportunitiesOpenedSource = rowSource<Opportunity>({
  name: 'opportunity',
  entity: OpportunitySchema,
  column: 'created_at',
  where: ({ customer }) => ({ customer: customer.id, deletedAt: null }),
  populate: ['owner'],
  entry: (deal) => ({
    at: deal.createdAt,
    type: 'stage',
    title: `新建商机「${deal.name}」`,
    body: null,
    by: personOf(deal.owner),
  }),
});
