// Refunds through their flow (the demo's: the sales manager, then finance): never above what came
// in net of other refunds; approved, the money goes back as negative receipts, latest instalment
// first; rejected, nothing moves. The approvers see the customer's overdue receivables.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { shownTo } from '../approvals/support.js';
import { activeContract, addPlan, ledger } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
let luojuan: Session;
let contractId: number;

beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina, luojuan] = await Promise.all([crm.as('张伟'), crm.as('李娜'), crm.as('罗娟')]);
  contractId = await activeContract(crm, zhangwei, lina);
  const [first, second] = (
    await addPlan(zhangwei, contractId, [
      { dueDate: '2026-01-15', amountCents: 5_000_000 },
      { dueDate: '2030-06-30', amountCents: 5_000_000 },
    ])
  ).instalments;
  for (const [id, amountCents] of [
    [first!.id, 3_000_000],
    [second!.id, 4_000_000],
  ] as const) {
    const res = await luojuan.send('POST', `/api/receivables/${id}/receipts`, {
      amountCents,
      receivedOn: '2026-11-30',
      method: 'bank',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(() => crm?.stop());

const ask = (amountCents: number, who = zhangwei) =>
  who.send('POST', '/api/refunds', {
    contractId,
    amountCents,
    reason: '部分货物退回',
    refundDate: '2026-12-20',
  });

test.each([
  [
    'over what came in',
    7_000_001,
    'refund-over-received',
    '退款 ¥70,000.01 超过了这份合同可退的 ¥70,000.00（已回款减去已批准和审批中的退款）',
  ],
  [
    'negative',
    -100,
    'receivable-amount-invalid',
    '金额必须是大于 0 的整数（单位：分），例如 ¥120,000.00 写作 12000000',
  ],
  [
    'fractional',
    10.5,
    'receivable-amount-invalid',
    '金额必须是大于 0 的整数（单位：分），例如 ¥120,000.00 写作 12000000',
  ],
])('a refund %s is refused, nothing written', async (_, amount, code, title) => {
  const res = await ask(amount);
  expect({ status: res.status, type: res.body.type, title: res.body.title }).toEqual({
    status: 400,
    type: `urn:kelian:problem:${code}`,
    title,
  });
  expect((await crm.db.query('select id from refund')).rows).toEqual([]);
});

test('approved by the sales manager then finance: 已批准, paid back from the latest instalment', async () => {
  const asked = await ask(3_000_000);
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  expect(asked.body).toMatchObject({ status: 'pending', statusLabel: '审批中', amountCents: 3_000_000 });
  const approvalId = asked.body.approvalId;
  // Another refund while this one waits counts it: ¥70,000 in, ¥30,000 asked for.
  const meanwhile = await ask(4_000_001);
  expect(meanwhile.body.type).toBe('urn:kelian:problem:refund-over-received');
  // 李娜's card: the refund, what came in, and the customer's overdue receivables.
  const toLina = await shownTo(crm, 'LiNa', approvalId, '逾期回款');
  expect(toLina).toContain('¥30,000.00');
  expect(toLina).toContain('¥20,000.00（1 期）');
  expect((await lina.send('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
  expect((await zhangwei.get(`/api/refunds/${asked.body.id}`)).body.status).toBe('pending');
  await shownTo(crm, 'LuoJuan', approvalId, '李娜 已同意 · 1/2');
  expect((await luojuan.send('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
  const done = await zhangwei.get(`/api/refunds/${asked.body.id}`);
  expect(done.body).toMatchObject({ status: 'approved', statusLabel: '已批准' });
  const { instalments, receipts } = await ledger(crm, contractId);
  expect(instalments.map((i) => i.received)).toEqual([3_000_000, 1_000_000]);
  expect(receipts.map((r) => r.amount)).toEqual([3_000_000, 4_000_000, -3_000_000]);
  expect((await auditRows(crm.db, 'refund', asked.body.id)).at(-1)?.changes).toEqual({
    status: { before: 'pending', after: 'approved' },
  });
  const plan = await zhangwei.get(`/api/contracts/${contractId}/receivables`);
  expect(plan.body.receipts.at(-1)).toMatchObject({
    amountCents: -3_000_000,
    note: '退款：部分货物退回',
    receivedOn: '2026-12-20',
  });
  expect(plan.body.totals.receivedCents).toBe(4_000_000);
});

test('rejected: 已驳回 and nothing moves; what is left can still be refunded', async () => {
  const before = await ledger(crm, contractId);
  const asked = await ask(4_000_000);
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const rejected = await lina.send('POST', `/api/approvals/${asked.body.approvalId}/reject`, {
    reason: '货物未退回',
  });
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
  expect((await zhangwei.get(`/api/refunds/${asked.body.id}`)).body.statusLabel).toBe('已驳回');
  expect(await ledger(crm, contractId)).toEqual(before);
  expect((await ask(4_000_000)).status).toBe(201);
});

test("the contract's refunds, newest first, each with its approval; seen by whoever sees the contract", async () => {
  const list = await zhangwei.get(`/api/refunds?contractId=${contractId}`);
  expect(list.status, JSON.stringify(list.body)).toBe(200);
  const items = list.body.items as { amountCents: number; statusLabel: string; approvalId: number | null }[];
  expect(items.map((r) => [r.amountCents, r.statusLabel])).toEqual([
    [4_000_000, '审批中'],
    [4_000_000, '已驳回'],
    [3_000_000, '已批准'],
  ]);
  expect(items.every((r) => typeof r.approvalId === 'number')).toBe(true);
  // 李娜 manages 张伟: she sees the contract, and so its refunds.
  expect((await lina.get(`/api/refunds?contractId=${contractId}`)).body.items).toHaveLength(3);
  const stranger = await (await crm.as('刘洋')).get(`/api/refunds?contractId=${contractId}`);
  expect(stranger.status).toBe(404);
  const bad = await zhangwei.get('/api/refunds?contractId=abc');
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([{ field: 'contractId', message: 'contractId 应为合同编号' }]);
});
