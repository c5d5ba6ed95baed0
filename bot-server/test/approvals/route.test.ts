// Route evaluation, pure: each condition operator and approver source on a small company, and the
// flow's rule when nobody is found or no branch matches.
import type { ApproverSource, FlowCondition, FlowDefinition, NoApproverRule } from '@kelian/orm';
import { describe, expect, test } from 'vitest';
import { conditionHolds } from '../../src/domain/approvals/conditions.js';
import { type OrgDirectory, resolveRoute } from '../../src/domain/approvals/route.js';

// 1 GM (dept 1, admin) ← 2 head of sales (dept 2, under 1) ← 3 rep; 4 finance (dept 3); 5 rep in dept 2.
const people: Record<number, { department: number; manager?: number; roles: string[] }> = {
  1: { department: 1, roles: ['admin', 'manager'] },
  2: { department: 2, manager: 1, roles: ['manager'] },
  3: { department: 2, manager: 2, roles: ['sales'] },
  4: { department: 3, manager: 1, roles: ['finance'] },
  5: { department: 2, manager: 2, roles: ['sales'] },
};
const parents: Record<number, number | undefined> = { 1: undefined, 2: 1, 3: 1 };
const heads: Record<number, number> = { 1: 1, 2: 2, 3: 4 };
const org: OrgDirectory = {
  facts: (id) => {
    const p = people[id];
    if (!p) return undefined;
    const chain = [p.department];
    for (let d = parents[p.department]; d !== undefined; d = parents[d]) chain.unshift(d);
    return { departmentIds: chain, roles: p.roles };
  },
  managerOf: (id) => people[id]?.manager,
  departmentOf: (id) => people[id]?.department,
  parentOf: (id) => parents[id],
  headOf: (id) => heads[id],
  withRole: (code) =>
    Object.entries(people)
      .filter(([, p]) => p.roles.includes(code))
      .map(([id]) => Number(id)),
  administrators: () => [1],
};

const holds = (op: FlowCondition['op'], value: (string | number)[], actual: unknown) =>
  conditionHolds({ field: 'f', op, value }, actual, org.facts);

test.each([
  ['eq', [600], 600, true],
  ['eq', ['华北'], '华北', true],
  ['ne', [600], 500, true],
  ['ne', [600], null, true],
  ['gt', [50_000_000], 50_000_001, true],
  ['gt', [50_000_000], 50_000_000, false],
  ['lt', [10], 9, true],
  ['gte', [10], 10, true],
  ['lte', [10], 11, false],
  ['between', [10, 20], 20, true],
  ['between', [10, 20], 21, false],
  ['between', ['2027-01-01', '2027-12-31'], '2027-06-30', true],
  ['contains', ['框架'], '年度框架合同', true],
  ['contains', ['框架'], null, false],
  ['in_department', [1], 3, true],
  ['in_department', [3], 3, false],
  ['in_role', ['finance'], 4, true],
  ['in_role', ['finance'], 3, false],
] as const)('%s %j on %j → %s', (op, value, actual, expected) => {
  expect(holds(op, [...value], actual)).toBe(expected);
});

const oneStep = (approvers: ApproverSource, mode: 'any' | 'all' | 'sequential' = 'any'): FlowDefinition => ({
  start: 's',
  nodes: [{ id: 's', kind: 'approve', name: '审批', approvers, mode, next: null }],
});
const route = (definition: FlowDefinition, onNoApprover: NoApproverRule = 'auto_pass', extra = {}) =>
  resolveRoute({ definition, onNoApprover, values: { ownerId: 5 }, submitterId: 3, ...extra }, org);

describe('approver sources', () => {
  test.each([
    ['a named user', { type: 'user', userIds: [4, 99] }, [4]],
    ['a role', { type: 'role', role: 'sales' }, [3, 5]],
    ['the manager one level up', { type: 'manager', level: 1 }, [2]],
    ['the manager two levels up', { type: 'manager', level: 2 }, [1]],
    ['continuous managers', { type: 'manager_chain', upTo: 5 }, [2, 1]],
    ['the department head', { type: 'department_head' }, [2]],
    ['a user field of the document', { type: 'field', field: 'ownerId' }, [5]],
  ] as const)('%s', (_what, source, expected) => {
    expect(route(oneStep(source as ApproverSource))[0]!.approverIds).toEqual(expected);
  });

  test('the submitter’s pick; continuous managers go one after another', () => {
    expect(
      route(oneStep({ type: 'submitter_pick' }), 'auto_pass', { picks: { s: [4] } })[0]!.approverIds,
    ).toEqual([4]);
    expect(route(oneStep({ type: 'manager_chain', upTo: 2 }, 'any'))[0]!.mode).toBe('sequential');
  });

  test('a head submitting goes to the head above', () => {
    const steps = resolveRoute(
      {
        definition: oneStep({ type: 'department_head' }),
        onNoApprover: 'auto_pass',
        values: {},
        submitterId: 2,
      },
      org,
    );
    expect(steps[0]!.approverIds).toEqual([1]);
  });

  test('nobody found: the step passes by itself, or goes to the administrators, per flow', () => {
    const nobody = oneStep({ type: 'manager', level: 5 });
    expect(route(nobody, 'auto_pass')).toEqual([
      expect.objectContaining({ approverIds: [], fallback: 'auto_pass' }),
    ]);
    expect(route(nobody, 'admin')).toEqual([
      expect.objectContaining({ approverIds: [1], fallback: 'admin' }),
    ]);
  });
});

describe('branches', () => {
  const flow: FlowDefinition = {
    start: 'c',
    nodes: [
      {
        id: 'c',
        kind: 'condition',
        name: '金额',
        branches: [{ name: '大额', when: [{ field: 'amountCents', op: 'gt', value: [100] }], next: 'big' }],
        otherwise: null,
      },
      {
        id: 'big',
        kind: 'approve',
        name: '总经理',
        approvers: { type: 'user', userIds: [1] },
        mode: 'any',
        next: null,
      },
    ],
  };
  test('the matching branch is taken; no branch ends the route, or asks the administrators', () => {
    const at = (amountCents: number, rule: NoApproverRule) =>
      resolveRoute(
        { definition: flow, onNoApprover: rule, values: { amountCents }, submitterId: 3 },
        org,
      ).map((s) => s.name);
    expect(at(101, 'auto_pass')).toEqual(['总经理']);
    expect(at(100, 'auto_pass')).toEqual([]);
    expect(at(100, 'admin')).toEqual(['管理员审批']);
  });
});
