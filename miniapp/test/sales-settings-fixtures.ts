// Answers of bot-server's sales settings API (assignment rules, follow-up rules, stages, the target
// sheet) for the console's 销售设置 tests, as the demo company has them.

const at = '2026-12-01T08:00:00.000Z';

const assignmentRule = (id: number, position: number, name: string, regions: string[], team: string) => ({
  id,
  name,
  position,
  enabled: true,
  regions,
  sources: [],
  industries: [],
  team: { id: id + 1, name: team },
  strategy: 'claim' as const,
  recycleAfterDays: 7,
  lastAssignee: null,
  createdAt: at,
  updatedAt: at,
});

export const northRule = assignmentRule(1, 1, '华北地区', ['北京', '天津'], '华北销售部');
export const eastRule = assignmentRule(2, 2, '华东地区', ['上海', '江苏'], '华东销售部');

export const followUpRule = {
  id: 1,
  name: '首次跟进后 3 天回访',
  enabled: true,
  object: 'customer' as const,
  trigger: 'event' as const,
  event: 'first_follow_up',
  dateField: null,
  offsetDays: 3,
  action: 'task' as const,
  taskTitle: '回访',
  createdAt: at,
  updatedAt: at,
};

export const renewalRule = {
  ...followUpRule,
  id: 2,
  name: '合同到期前 15 天续约提醒',
  trigger: 'date' as const,
  event: null,
  dateField: 'customFields.合同到期日',
  offsetDays: -15,
  taskTitle: '续约提醒',
};

const stage = (
  id: number,
  name: string,
  probability: number,
  stalledAfterDays: number | null,
  outcome = 'open',
) => ({
  id,
  name,
  position: id,
  probability,
  stalledAfterDays,
  outcome: outcome as 'open' | 'won' | 'lost',
  requiresApproval: false,
});

export const stages = [
  stage(1, '初步接洽', 10, 14),
  stage(2, '方案报价', 50, 10),
  stage(3, '赢单', 100, null, 'won'),
  stage(4, '输单', 0, null, 'lost'),
];

export const sheet = (month: string) => ({
  month,
  teams: [
    {
      department: { id: 2, name: '华北销售部' },
      depth: 0,
      amountCents: 500_0000_00,
      achievedCents: 250_0000_00,
      members: [
        {
          user: { id: 5, name: '刘洋', title: '销售代表' },
          amountCents: 88_0000_00,
          achievedCents: 0,
        },
        { user: { id: 4, name: '张伟', title: '销售经理' }, amountCents: null, achievedCents: 120_0000_00 },
      ],
    },
  ],
});
