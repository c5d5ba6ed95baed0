import type { AssignmentRule, FollowUpRule } from '../../services/sales-settings';

// The sales settings in plain Chinese, as the lists and the editors show them.

export const strategies: { value: AssignmentRule['strategy']; label: string; hint: string }[] = [
  { value: 'claim', label: '推送团队认领', hint: '线索卡片推送到团队群，先点先得' },
  { value: 'round_robin', label: '轮流分配', hint: '在团队成员之间依次分配' },
  { value: 'least_loaded', label: '分给线索最少的人', hint: '分给手头已认领线索最少的成员' },
];

export const strategyLabel = (s: AssignmentRule['strategy']) =>
  strategies.find((x) => x.value === s)?.label ?? s;

const anyOf = (values: string[]) => (values.length === 0 ? '不限' : values.join('、'));

/** 地区：北京、天津 · 来源：不限 · 行业：不限 (or 所有线索 when nothing limits it). */
export function conditionsText(rule: Pick<AssignmentRule, 'regions' | 'sources' | 'industries'>): string {
  if (rule.regions.length + rule.sources.length + rule.industries.length === 0) return '所有线索';
  return `地区：${anyOf(rule.regions)} · 来源：${anyOf(rule.sources)} · 行业：${anyOf(rule.industries)}`;
}

/** 分给华北销售部 · 推送团队认领 · 7 天未跟进退回公海. */
export function targetText(rule: AssignmentRule): string {
  const recycle = rule.recycleAfterDays === null ? '不自动回收' : `${rule.recycleAfterDays} 天未跟进退回公海`;
  return `分给${rule.team.name} · ${strategyLabel(rule.strategy)} · ${recycle}`;
}

export const objects: { value: FollowUpRule['object']; label: string }[] = [
  { value: 'customer', label: '客户' },
  { value: 'lead', label: '线索' },
  { value: 'opportunity', label: '商机' },
];

export const triggers: { value: FollowUpRule['trigger']; label: string }[] = [
  { value: 'event', label: '某事发生后' },
  { value: 'date', label: '某个日期前后' },
  { value: 'inactivity', label: '多久没跟进' },
];

/** The events a rule may follow, per object (the server's rule kinds). */
export const events: Record<FollowUpRule['object'], { value: string; label: string }[]> = {
  customer: [
    { value: 'created', label: '客户创建' },
    { value: 'first_follow_up', label: '首次跟进' },
  ],
  lead: [
    { value: 'created', label: '线索创建' },
    { value: 'claimed', label: '线索认领' },
  ],
  opportunity: [
    { value: 'created', label: '商机创建' },
    { value: 'won', label: '商机赢单' },
  ],
};

/** The date columns a rule may count from; custom date fields are typed by name. */
export const dateColumns: Record<FollowUpRule['object'], { value: string; label: string }[]> = {
  customer: [],
  lead: [],
  opportunity: [{ value: 'expectedCloseDate', label: '预计成交日期' }],
};

export const CUSTOM_FIELD = 'customFields.';

const objectLabel = (o: FollowUpRule['object']) => objects.find((x) => x.value === o)?.label ?? o;

function dateLabel(rule: FollowUpRule): string {
  const field = rule.dateField ?? '';
  if (field.startsWith(CUSTOM_FIELD)) return `「${field.slice(CUSTOM_FIELD.length)}」`;
  return dateColumns[rule.object].find((d) => d.value === field)?.label ?? field;
}

/** 客户创建后 3 天 / 预计成交日期前 7 天 / 30 天没有跟进. */
export function whenText(rule: FollowUpRule): string {
  const days = Math.abs(rule.offsetDays);
  if (rule.trigger === 'inactivity') return `${objectLabel(rule.object)} ${rule.offsetDays} 天没有跟进`;
  if (rule.trigger === 'date') {
    if (rule.offsetDays === 0) return `${dateLabel(rule)}当天`;
    return `${dateLabel(rule)}${rule.offsetDays < 0 ? '前' : '后'} ${days} 天`;
  }
  const event = events[rule.object].find((e) => e.value === rule.event)?.label ?? rule.event;
  return rule.offsetDays === 0 ? `${event}当天` : `${event}后 ${days} 天`;
}

/** 创建待办「回访新客户」 / 退回公海. */
export const actionText = (rule: FollowUpRule): string =>
  rule.action === 'pool' ? '退回公海' : `给负责人创建待办「${rule.taskTitle ?? ''}」`;
