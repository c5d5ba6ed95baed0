import { buildLeadCard, type Card, type LeadCardState } from '@kelian/cards';
import { LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CardSubject } from '../../domain/notify/notifier.js';

/** Builds the card showing a subject's current state, under a given card id. */
export type CardPresenter = (em: EntityManager, id: number, cardId: string) => Promise<Card | undefined>;

// A lead card is posted to a whole team, so it is rendered for the least-privileged viewer: the
// phone number is masked until someone owns the lead.
const leadCard: CardPresenter = async (em, id, cardId) => {
  const lead = await em.findOne(LeadSchema, { id }, { populate: ['owner'] });
  if (!lead) return undefined;
  const state: LeadCardState =
    lead.status === 'claimed' && lead.owner
      ? { kind: 'claimed', by: lead.owner.name }
      : lead.status === 'invalid'
        ? { kind: 'invalid', by: '', reason: lead.invalidReason ?? undefined }
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

const presenters: Record<string, CardPresenter> = { lead: leadCard };

export function presentCard(
  em: EntityManager,
  subject: CardSubject,
  cardId: string,
): Promise<Card | undefined> {
  const present = presenters[subject.type];
  if (!present) throw new Error(`No card presenter for ${subject.type}`);
  return present(em, subject.id, cardId);
}
