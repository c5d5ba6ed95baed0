import { FULL_VIEW } from '../audience/audience.js';
import { buildDailyDigestCard } from '../builders/daily-digest.js';
import { buildStalledDealCard, type StalledDealCardState } from '../builders/stalled-deal.js';
import { at, type CardSample } from './sample.js';

const deal = (name: string, label: string, state: StalledDealCardState): CardSample => ({
  name: `stalled-deal-${name}`,
  label: `商机预警 · ${label}`,
  delivery: state.kind === 'alert' ? 'send' : 'update',
  card: buildStalledDealCard(
    {
      cardId: 'stalled_deal-O8001-v1',
      opportunityId: 'O8001',
      name: '华为 2025 年度传感器集采',
      customer: '华为技术有限公司',
      owner: '张三',
      stage: '方案报价',
      daysInStage: 21,
      thresholdDays: 14,
      amountCents: 120_000_000,
      state,
    },
    FULL_VIEW,
  ),
});

export const managerSamples: CardSample[] = [
  deal('alert', '停滞提醒', { kind: 'alert' }),
  deal('nudged', '已提醒负责人', { kind: 'nudged', by: '李经理' }),
  deal('resumed', '已恢复推进', { kind: 'resumed', what: '已推进到「商务谈判」' }),
  deal('won', '已赢单', { kind: 'won' }),
  deal('lost', '已输单', { kind: 'lost', reason: '预算取消' }),
  {
    name: 'daily-digest',
    label: '日报 · 销售主管',
    delivery: 'send',
    card: buildDailyDigestCard(
      {
        cardId: 'daily_digest-north-20250308',
        date: at('2025-03-08T18:00'),
        scope: '华北团队',
        figures: {
          newLeads: 12,
          followUps: 37,
          wonDeals: 3,
          wonAmountCents: 86_500_000,
          pendingApprovals: 4,
          slaBreaches: 1,
        },
        topItems: [
          { text: '张三 签约 华为技术', amountCents: 68_000_000 },
          { text: '王五 新增商机 上海云帆物流' },
          { text: '工单 GD-20250308-017 超时' },
        ],
      },
      FULL_VIEW,
    ),
  },
];
