import { buildLeadCard, type LeadCardState, type LeadCardView } from '../builders/lead.js';
import { at, type CardSample, GROUP_VIEW } from './sample.js';

const view = (state: LeadCardState): LeadCardView => ({
  cardId: 'lead-L1024-v1',
  leadId: 'L1024',
  source: '官网表单',
  region: '北京',
  company: '北京星河智能科技有限公司',
  contactName: '赵敏',
  contactPhone: '13812341234',
  createdAt: at('2025-03-08T11:05'),
  state,
});

const sample = (name: string, label: string, state: LeadCardState): CardSample => ({
  name: `lead-${name}`,
  label: `线索 · ${label}`,
  delivery: state.kind === 'new' ? 'send' : 'update',
  card: buildLeadCard(view(state), GROUP_VIEW),
});

export const leadSamples: CardSample[] = [
  sample('new', '新线索（群内，手机号脱敏）', { kind: 'new' }),
  sample('claimed', '已认领', { kind: 'claimed', by: '张三' }),
  sample('reassigned', '已转派', { kind: 'reassigned', by: '李经理', to: '王五' }),
  sample('invalid', '无效', { kind: 'invalid', by: '张三', reason: '重复线索' }),
];
