import {
  buildStalledDealCard,
  type CardAudience,
  type FieldRule,
  leastPrivileged,
  type StalledDealCardState,
} from '@kelian/cards';
import { type Opportunity, OpportunitySchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { accessOf } from '../../domain/access/access.js';
import { ruleOf } from '../../domain/access/field-rules.js';
import { dealManagers } from '../../domain/sales/deal-managers.js';
import { nudgeSince } from '../../domain/sales/nudge.js';
import { dealQuietSince, stalledDays } from '../../domain/sales/stalled.js';
import type { CardPresenter } from '../cards/presenter.js';

const day = 86_400_000;

/** What the card's state is now: still stalled (nudged or not), moved on since the alert, or ended. */
async function stateOf(em: EntityManager, deal: Opportunity, now: Date): Promise<StalledDealCardState> {
  if (deal.deletedAt) return { kind: 'resumed', what: '商机已删除' };
  if (deal.status === 'won') return { kind: 'won' };
  if (deal.status === 'lost') return { kind: 'lost', reason: deal.lostReason ?? null };
  if (stalledDays(deal, now) === undefined)
    return {
      kind: 'resumed',
      what:
        dealQuietSince(deal) > deal.stageChangedAt ? '负责人已有新跟进' : `已推进到「${deal.stage.name}」`,
    };
  const nudge = await nudgeSince(em, deal.id, dealQuietSince(deal));
  return nudge?.createdBy ? { kind: 'nudged', by: nudge.createdBy.name } : { kind: 'alert' };
}

/** The card goes to the owner's managers: the amount shows as the least privileged of them may see it. */
async function managersAudience(em: EntityManager, dealId: number): Promise<CardAudience> {
  const rules: CardAudience[] = [];
  for (const id of await dealManagers(em, dealId)) {
    const access = await accessOf(em, await em.findOneOrFail(UserSchema, id));
    const rule = ruleOf(access, 'opportunity', 'amountCents');
    const amount: FieldRule = rule === 'hidden' || rule === 'masked' ? rule : 'visible';
    rules.push({ phone: 'hidden', amount });
  }
  return leastPrivileged(rules);
}

export const stalledDealCard: CardPresenter = async (em, id, cardId) => {
  const deal = await em.findOne(OpportunitySchema, id, { populate: ['customer', 'owner', 'stage'] });
  if (!deal) return undefined;
  const now = new Date();
  return buildStalledDealCard(
    {
      cardId,
      opportunityId: String(deal.id),
      name: deal.name,
      customer: deal.customer.name,
      owner: deal.owner?.name ?? '（无负责人）',
      stage: deal.stage.name,
      daysInStage: Math.floor((now.getTime() - deal.stageChangedAt.getTime()) / day),
      thresholdDays: deal.stage.stalledAfterDays ?? 0,
      amountCents: deal.amountCents,
      state: await stateOf(em, deal, now),
    },
    await managersAudience(em, deal.id),
  );
};
