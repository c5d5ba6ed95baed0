import { buildLeadCard, type LeadCardState } from '@kelian/cards';
import { AuditLogSchema, type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CardPresenter } from '../cards/presenter.js';

/** Who closed it as invalid: the audit log keeps who made each change. */
async function invalidatedBy(em: EntityManager, lead: Lead): Promise<string> {
  const entry = await em.findOne(
    AuditLogSchema,
    { objectType: 'lead', objectId: String(lead.id), changes: { status: { after: 'invalid' } } },
    { populate: ['actor'], orderBy: { id: 'desc' } },
  );
  return entry?.actor?.name ?? lead.owner?.name ?? '同事';
}

// A lead card is posted to a whole team, so it is rendered for the least-privileged viewer: the
// phone number is masked until someone owns the lead.
export const leadCard: CardPresenter = async (em, id, cardId) => {
  const lead = await em.findOne(LeadSchema, { id }, { populate: ['owner'] });
  if (!lead) return undefined;
  const state: LeadCardState =
    lead.status === 'claimed' && lead.owner
      ? { kind: 'claimed', by: lead.owner.name }
      : lead.status === 'invalid'
        ? { kind: 'invalid', by: await invalidatedBy(em, lead), reason: lead.invalidReason ?? undefined }
        : { kind: 'new' };
  return buildLeadCard(
    {
      cardId,
      leadId: String(lead.id),
      source: lead.source ?? '未知',
      region: lead.region ?? '未知',
      company: lead.company,
      contactName: lead.contactName ?? '未填写',
      contactPhone: lead.mobile ?? undefined,
      createdAt: lead.createdAt,
      state,
    },
    { phone: 'masked', amount: 'visible' },
  );
};
