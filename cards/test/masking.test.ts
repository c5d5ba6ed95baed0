import {
  buildLeadCard,
  buildStalledDealCard,
  type CardAudience,
  FULL_VIEW,
  leastPrivileged,
  maskPhone,
  presentAmount,
  renderDingTalk,
  renderDingTalkActionCard,
  renderWeCom,
  SAMPLE_RENDER_OPTIONS,
} from '@kelian/cards';
import { describe, expect, test } from 'vitest';

const lead = {
  cardId: 'lead-L1-v1',
  leadId: 'L1',
  source: '官网表单',
  region: '北京',
  company: '星河科技',
  contactName: '赵敏',
  contactPhone: '13812341234',
  createdAt: new Date('2025-03-08T06:00:00Z'),
  state: { kind: 'new' as const },
};

const deal = {
  cardId: 'stalled-O1-v1',
  opportunityId: 'O1',
  name: '框架合同',
  customer: '华为',
  owner: '张三',
  stage: '方案报价',
  daysInStage: 20,
  thresholdDays: 14,
  amountCents: 123_456_700,
  state: { kind: 'alert' as const },
};

// Everything a viewer could read: both platforms and the robot fallback.
function everything(card: ReturnType<typeof buildLeadCard>): string {
  return JSON.stringify([
    renderWeCom(card, SAMPLE_RENDER_OPTIONS),
    renderDingTalk(card, SAMPLE_RENDER_OPTIONS),
    renderDingTalkActionCard(card, SAMPLE_RENDER_OPTIONS),
  ]);
}

describe('masking', () => {
  test('a phone is masked as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('123')).toBe('****');
  });

  test('a group card shows the least-privileged view on every platform', () => {
    const group = leastPrivileged([FULL_VIEW, { phone: 'masked', amount: 'visible' }]);
    expect(group).toEqual({ phone: 'masked', amount: 'visible' });
    const text = everything(buildLeadCard(lead, group));
    expect(text).toContain('138****1234');
    expect(text).not.toContain('13812341234');
  });

  test('a full view shows the number; a hidden phone leaves out the row', () => {
    expect(everything(buildLeadCard(lead, FULL_VIEW))).toContain('13812341234');
    const hidden = buildLeadCard(lead, { phone: 'hidden', amount: 'visible' });
    expect(hidden.fields.map((field) => field.label)).not.toContain('电话');
    expect(everything(hidden)).not.toContain('1234');
  });

  test('amounts follow the rule: shown, masked, or absent with no trace', () => {
    const show = (audience: CardAudience) => everything(buildStalledDealCard(deal, audience));
    expect(show(FULL_VIEW)).toContain('¥1,234,567.00');
    expect(show({ phone: 'visible', amount: 'masked' })).toContain('¥****');
    expect(show({ phone: 'visible', amount: 'masked' })).not.toContain('1,234,567');
    expect(show({ phone: 'visible', amount: 'hidden' })).not.toMatch(/¥|1,234,567|预计金额/);
    expect(presentAmount(100, 'hidden')).toBeUndefined();
  });

  test('an empty group sees nothing sensitive', () => {
    expect(leastPrivileged([])).toEqual({ phone: 'hidden', amount: 'hidden' });
  });
});
