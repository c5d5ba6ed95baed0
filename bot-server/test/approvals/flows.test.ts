// /api/approval-flows: the administrator saves versions (a running approval keeps its own), a loop
// or an unreachable step is refused with its code, the preview tells the path and the people.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approvalDetail, flowList, preview } from '../../src/api/approvals/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let admin: Session;
let zhangwei: Session;
beforeAll(async () => {
  crm = await startCrm();
  [admin, zhangwei] = await Promise.all([crm.as('王建国'), crm.as('张伟')]);
});
afterAll(() => crm?.stop());

const step = (id: string, next: string | null, name = id) => ({
  id,
  kind: 'approve',
  name,
  approvers: { type: 'manager', level: 1 },
  mode: 'any',
  next,
});
const flowOf = (nodes: unknown[], start = 'a') => ({ name: '测试流程', definition: { start, nodes } });

describe('saving flows', () => {
  test('only an administrator reads and saves flows', async () => {
    expect((await zhangwei.get('/api/approval-flows')).status).toBe(403);
    const res = await zhangwei.send('POST', '/api/approval-flows/contract', flowOf([step('a', null)]));
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('只有管理员可以设置审批流程');
  });

  test.each([
    [
      'a loop',
      [step('a', 'b', '主管'), step('b', 'a', '财务')],
      'flow-loop',
      '审批流程出现了循环：「财务」又回到了「主管」，审批将永远无法结束',
    ],
    [
      'an unreachable step',
      [step('a', null, '主管'), step('b', null, '财务')],
      'flow-unreachable',
      '节点「财务」无法到达：没有任何分支或步骤通向它',
    ],
    ['an unknown next step', [step('a', 'zz')], 'flow-node-unknown', '审批流程指向了不存在的节点「zz」'],
    [
      'a condition on an unknown field',
      [
        {
          id: 'a',
          kind: 'condition',
          name: '条件',
          branches: [{ name: 'x', when: [{ field: 'price', op: 'gt', value: [1] }], next: null }],
          otherwise: null,
        },
      ],
      'flow-field-unknown',
      '节点「条件」用到的字段「price」不存在',
    ],
  ])('%s is refused, on validate and on save; no version is written', async (_what, nodes, type, title) => {
    const before = (await crm.db.query('select count(*)::int as n from approval_flow')).rows[0].n;
    for (const path of ['/api/approval-flows/contract/validate', '/api/approval-flows/contract']) {
      const res = await admin.send('POST', path, flowOf(nodes));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: `urn:kelian:problem:${type}`, title });
    }
    expect((await crm.db.query('select count(*)::int as n from approval_flow')).rows[0].n).toBe(before);
  });

  test('a new version leaves a running approval on its own; new submissions take the new one', async () => {
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 60_000_000);
    const running = await submit(zhangwei, contract.id);
    const saved = await admin.send('POST', '/api/approval-flows/contract', {
      ...flowOf([step('a', null, '直属主管')]),
      onNoApprover: 'admin',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body.version).toBe(2);
    const list = flowList.parse((await admin.get('/api/approval-flows')).body);
    expect(list.items.map((i) => [i.docType, i.label, i.flow?.version])).toEqual([
      ['contract', '合同', 2],
      ['quote', '报价', 1],
      ['refund', '退款', 1],
      // The demo company's own type (an administrator's, issue 14): 信用额度申请.
      [expect.stringMatching(/^application:\d+$/), '信用额度申请', 1],
    ]);

    const old = approvalDetail.parse((await zhangwei.get(`/api/approvals/${running}`)).body);
    expect(old.flow.version).toBe(1);
    expect(old.steps.map((s) => s.name)).toEqual(['销售主管审批', '财务审批', '总经理审批']);
    const other = await draftContract(zhangwei, await customerOf(crm, '张伟'), 60_000_000);
    const fresh = approvalDetail.parse(
      (await zhangwei.get(`/api/approvals/${await submit(zhangwei, other.id)}`)).body,
    );
    expect(fresh.flow.version).toBe(2);
    expect(fresh.steps.map((s) => s.name)).toEqual(['直属主管']);
  });
});

describe('the submitter’s pick', () => {
  test('a step the submitter staffs is refused without a pick (the contract stays a draft), taken with one', async () => {
    const saved = await admin.send('POST', '/api/approval-flows/contract', {
      name: '自选审批人',
      onNoApprover: 'admin',
      definition: {
        start: 'pick',
        nodes: [
          {
            id: 'pick',
            kind: 'approve',
            name: '自选审批人',
            approvers: { type: 'submitter_pick' },
            mode: 'any',
            next: null,
          },
        ],
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 100_000);
    const refused = await zhangwei.send('POST', `/api/contracts/${contract.id}/submit`, {});
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      type: 'urn:kelian:problem:approval-pick-missing',
      title: '请为「自选审批人」选择审批人',
    });
    expect(
      (await crm.db.query('select status from contract where id = $1', [contract.id])).rows[0].status,
    ).toBe('draft');
    const picked = await zhangwei.send('POST', `/api/contracts/${contract.id}/submit`, {
      picks: { pick: [await crm.userId('赵敏')] },
    });
    expect(picked.status, JSON.stringify(picked.body)).toBe(200);
    const run = approvalDetail.parse((await zhangwei.get(`/api/approvals/${picked.body.approvalId}`)).body);
    expect(run.steps[0]!.tasks.map((t) => t.approver.name)).toEqual(['赵敏']);
  });
});

describe('preview', () => {
  test('which path a ¥600,000 contract of 张伟 takes under the demo flow, and who approves it', async () => {
    const submitterId = await crm.userId('张伟');
    const { rows } = await crm.db.query(
      "select definition from approval_flow where doc_type = 'contract' and version = 1",
    );
    const flow = { definition: rows[0].definition, onNoApprover: 'admin' };
    const big = await admin.send('POST', '/api/approval-flows/contract/preview', {
      values: { amountCents: 60_000_000 },
      submitterId,
      flow,
    });
    expect(big.status, JSON.stringify(big.body)).toBe(200);
    expect(preview.parse(big.body).steps.map((s) => [s.name, s.approvers.map((a) => a.name)])).toEqual([
      ['销售主管审批', ['李娜']],
      ['财务审批', ['罗娟', '梁宇']],
      ['总经理审批', ['王建国']],
    ]);
    const small = await admin.send('POST', '/api/approval-flows/contract/preview', {
      values: { amountCents: 50_000_000 },
      submitterId,
      flow,
    });
    expect(preview.parse(small.body).steps.map((s) => s.name)).toEqual(['销售主管审批']);
  });
});
