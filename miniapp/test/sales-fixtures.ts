// Answers of bot-server's sales API (helpers/CONTRACTS.md) for the sales pages' tests.

export const stages = [
  {
    id: 1,
    name: '初步接洽',
    position: 1,
    probability: 10,
    stalledAfterDays: 14,
    outcome: 'open',
    requiresApproval: false,
  },
  {
    id: 2,
    name: '需求确认',
    position: 2,
    probability: 30,
    stalledAfterDays: 14,
    outcome: 'open',
    requiresApproval: false,
  },
  {
    id: 3,
    name: '方案报价',
    position: 3,
    probability: 60,
    stalledAfterDays: 14,
    outcome: 'open',
    requiresApproval: false,
  },
  {
    id: 8,
    name: '赢单',
    position: 90,
    probability: 100,
    stalledAfterDays: null,
    outcome: 'won',
    requiresApproval: false,
  },
  {
    id: 9,
    name: '输单',
    position: 91,
    probability: 0,
    stalledAfterDays: null,
    outcome: 'lost',
    requiresApproval: false,
  },
] as const;

const [first, second, third, won, lost] = stages;

export function deal(id: number, name: string, stage: (typeof stages)[number], amountCents: number) {
  return {
    id,
    name,
    customer: { id: 70 + id, name: `${name.slice(0, 4)}有限公司` },
    owner: { id: 4, name: '张伟' },
    stage,
    amountCents,
    expectedCloseDate: '2026-12-31',
    status: stage.outcome,
    lostReason: stage.outcome === 'lost' ? '预算不足' : null,
    closedAt: stage.outcome === 'open' ? null : '2026-12-02T03:00:00Z',
    stageChangedAt: '2026-12-01T03:00:00Z',
    createdAt: '2026-11-01T03:00:00Z',
    updatedAt: '2026-12-01T03:00:00Z',
    editable: true,
  };
}

export const xinghe = deal(11, '星河智能产线改造', first, 128_000_000);
export const dongfang = deal(12, '东方贸易年度采购', third, 35_000_050);

export const board = {
  gated: [],
  columns: [
    { stage: first, count: 1, amountCents: 128_000_000, items: [xinghe], nextCursor: null },
    { stage: second, count: 0, amountCents: 0, items: [], nextCursor: null },
    { stage: third, count: 1, amountCents: 35_000_050, items: [dongfang], nextCursor: null },
    { stage: won, count: 0, amountCents: 0, items: [], nextCursor: null },
    { stage: lost, count: 0, amountCents: 0, items: [], nextCursor: null },
  ],
};

export const history = [
  { from: null, to: first, by: { id: 4, name: '张伟' }, at: '2026-11-01T03:00:00Z', note: null },
];

export function lead(id: number, company: string, changes: Record<string, unknown> = {}) {
  return {
    id,
    company,
    contactName: '王经理',
    mobile: '139****5678',
    email: null,
    region: '北京',
    source: '官网表单',
    industry: '制造业',
    note: null,
    status: 'new',
    team: null,
    owner: null,
    claimedAt: null,
    lastActivityAt: '2026-12-01T02:00:00Z',
    createdAt: '2026-12-01T02:00:00Z',
    customerId: null,
    claimable: true,
    ...changes,
  };
}

export function task(id: number, title: string, dueAt: string, changes: Record<string, unknown> = {}) {
  return {
    id,
    title,
    note: null,
    dueAt,
    status: 'open',
    doneAt: null,
    postponements: 0,
    customer: { id: 7, name: '北京星河智能科技有限公司' },
    lead: null,
    opportunity: null,
    assignee: { id: 4, name: '张伟' },
    rule: null,
    ...changes,
  };
}

export const figures = {
  month: '2026-12',
  newCustomers: 3,
  followUps: 12,
  wonCents: 62_000_000,
  targetCents: 100_000_000,
  openDeals: 5,
  openAmountCents: 163_000_050,
  team: null,
};

/** 李娜's month: a manager with no deals of her own, and her team's. */
export const managerFigures = {
  month: '2026-12',
  newCustomers: 0,
  followUps: 2,
  wonCents: 0,
  targetCents: null,
  openDeals: 0,
  openAmountCents: 0,
  team: {
    department: { id: 3, name: '华北销售部' },
    newCustomers: 6,
    followUps: 41,
    wonCents: 9_000_000,
    targetCents: 517_000_000,
    openDeals: 13,
    openAmountCents: 1_268_000_000,
  },
};
