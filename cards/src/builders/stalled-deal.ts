import type { CardAudience } from '../audience/audience.js';
import { presentAmount } from '../audience/mask.js';
import type { Card } from '../model/card.js';
import { createCard } from '../model/create-card.js';
import { callback, link, rows } from './parts.js';
import { paths } from './paths.js';

/**
 * `resumed`: the deal moved on since the alert (what happened, e.g. 已推进到「商务谈判」); `won` and
 * `lost`: it ended, so days in a stage and the stay limit no longer mean anything.
 */
export type StalledDealCardState =
  | { kind: 'alert' }
  | { kind: 'nudged'; by: string }
  | { kind: 'resumed'; what: string }
  | { kind: 'won' }
  | { kind: 'lost'; reason: string | null };

export interface StalledDealCardView {
  cardId: string;
  opportunityId: string;
  name: string;
  customer: string;
  owner: string;
  stage: string;
  daysInStage: number;
  /** The stage's allowed stay that was exceeded. */
  thresholdDays: number;
  amountCents: number;
  state: StalledDealCardState;
}

/** An opportunity that stayed in one stage too long, for the sales manager. */
export function buildStalledDealCard(view: StalledDealCardView, audience: CardAudience): Card {
  const amount = presentAmount(view.amountCents, audience.amount);
  const base = {
    id: view.cardId,
    kind: 'stalled_deal' as const,
    title: `商机停滞 · ${view.name}`,
    subtitle: `${view.customer} · 负责人 ${view.owner}`,
    emphasis: { value: `${view.daysInStage} 天`, label: `停留在「${view.stage}」` },
    fields: rows(
      ['客户', view.customer],
      ['负责人', view.owner],
      ['阶段', view.stage],
      ['预计金额', amount],
      ['停留上限', `${view.thresholdDays} 天`],
    ),
    link: { path: paths.opportunity(view.opportunityId) },
  };
  const open = link('查看商机', paths.opportunity(view.opportunityId));
  const { state } = view;
  const ended = (outcome: string, more: [string, string][] = []) => ({
    ...base,
    title: `商机${outcome} · ${view.name}`,
    emphasis: { value: outcome, label: '商机已结束，不再停滞' },
    fields: rows(['客户', view.customer], ['负责人', view.owner], ['预计金额', amount], ...more),
    actions: [open],
  });
  switch (state.kind) {
    case 'alert':
      return createCard({
        ...base,
        status: {
          text: `已超过停留上限 ${view.daysInStage - view.thresholdDays} 天`,
          tone: 'warning',
          badge: '停滞',
        },
        actions: [callback('提醒负责人', 'primary', 'deal.nudge', view.opportunityId), open],
      });
    case 'nudged':
      return createCard({
        ...base,
        status: { text: `${state.by} 已提醒 ${view.owner} 跟进`, tone: 'success', badge: '已提醒' },
        actions: [open],
      });
    case 'resumed':
      return createCard({
        ...base,
        status: { text: state.what, tone: 'success', badge: '已恢复' },
        actions: [open],
      });
    case 'won':
      return createCard({
        ...ended('已赢单'),
        status: { text: '商机已赢单', tone: 'success', badge: '已赢单' },
      });
    case 'lost':
      return createCard({
        ...ended('已输单', state.reason ? [['输单原因', state.reason]] : []),
        status: { text: '商机已输单', tone: 'neutral', badge: '已输单' },
      });
  }
}
