import { type Lead, LeadSchema } from '@kelian/orm';
import { personOf, rowSource } from './source.js';

/** The leads that became this customer (or were merged into it) on conversion. */
export const leadsConvertedSource = rowSource<Lead>({
  name: 'lead',
  entity: LeadSchema,
  column: 'converted_at',
  where: ({ customer }) => ({ customer: customer.id, convertedAt: { $ne: null } }),
  populate: ['owner'],
  entry: (lead) => ({
    at: lead.convertedAt!,
    type: 'lead',
    title: `由线索「${lead.company}」转化`,
    body: lead.source ? `线索来源：${lead.source}` : null,
    by: personOf(lead.owner),
  }),
});
