// Receivable plans and receipts through the API: 张伟 plans the contract he drafts, 罗娟 (finance)
// records what comes in, partial or in full; each instalment says 未回款 / 部分回款 / 已回款 / 逾期;
// bad amounts, a plan over the contract, a receipt over what is open or on a cancelled instalment
// are refused with their code and change nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf, draftContract, submit } from '../approvals/support.js';
import { activeContract, addPlan, ledger } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
let luojuan: Session;
let liuyang: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina, luojuan, liuyang] = await Promise.all([
    crm.as('张伟'),
    crm.as('李娜'),
    crm.as('罗娟'),
    crm.as('刘洋'),
  ]);
});
afterAll(() => crm?.stop());

const problemOf = (res: { status: number; body: { type?: string; title?: string } }) => ({
  status: res.status,
  type: res.body.type,
  title: res.body.title,
});

describe('a plan', () => {
  test('drafted with the contract: three instalments within the amount, each 未回款, in date order', async () => {
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 60_000_000);
    const plan = await addPlan(zhangwei, contract.id, [
      { dueDate: '2027-09-30', amountCents: 20_000_000 },
      { dueDate: '2027-03-31', amountCents: 20_000_000 },
      { dueDate: '2027-06-30', amountCents: 20_000_000 },
    ]);
    expect(plan.instalments.map((i) => [i.seq, i.dueDate, i.statusLabel])).toEqual([
      [1, '2027-03-31', '未回款'],
      [2, '2027-06-30', '未回款'],
      [3, '2027-09-30', '未回款'],
    ]);
    expect(plan.totals).toEqual({
      plannedCents: 60_000_000,
      receivedCents: 0,
      openCents: 60_000_000,
      overdueCents: 0,
    });
    // Over the contract by one cent: refused, the plan as it was.
    const over = await zhangwei.send('POST', `/api/contracts/${contract.id}/receivables`, {
      instalments: [{ dueDate: '2027-12-31', amountCents: 1 }],
    });
    expect(problemOf(over)).toEqual({
      status: 400,
      type: 'urn:kelian:problem:receivable-plan-over-contract',
      title: '回款计划合计 ¥600,000.01 超过了合同金额 ¥600,000.00',
    });
    expect((await ledger(crm, contract.id)).instalments).toHaveLength(3);
    // Nor may the draft's amount drop below its plan afterwards.
    const lowered = await zhangwei.send('PATCH', `/api/contracts/${contract.id}`, {
      amountCents: 59_999_999,
    });
    expect(problemOf(lowered)).toEqual({
      status: 409,
      type: 'urn:kelian:problem:contract-amount-below-plan',
      title: '合同金额 ¥599,999.99 低于已排的回款计划合计 ¥600,000.00：先取消或调整回款计划',
    });
    const kept = await zhangwei.get(`/api/contracts/${contract.id}`);
    expect(kept.body.amountCents).toBe(60_000_000);
    // Under approval the document is frozen.
    await submit(zhangwei, contract.id);
    const frozen = await zhangwei.send('POST', `/api/contracts/${contract.id}/receivables`, {
      instalments: [{ dueDate: '2027-12-31', amountCents: 100 }],
    });
    expect(problemOf(frozen)).toMatchObject({
      status: 409,
      type: 'urn:kelian:problem:receivable-plan-closed',
    });
    expect(frozen.body.title).toBe('合同正在审批中，不能再设置回款计划（草稿和已生效的合同可以）');
  });

  test.each([
    ['negative', -100],
    ['zero', 0],
    ['fractional', 100.5],
  ])('a %s amount is refused with its code, nothing written', async (_, amountCents) => {
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 1_000_000);
    const res = await zhangwei.send('POST', `/api/contracts/${contract.id}/receivables`, {
      instalments: [
        { dueDate: '2027-03-31', amountCents: 500_000 },
        { dueDate: '2027-06-30', amountCents },
      ],
    });
    expect(problemOf(res)).toEqual({
      status: 400,
      type: 'urn:kelian:problem:receivable-amount-invalid',
      title: '金额必须是大于 0 的整数（单位：分），例如 ¥120,000.00 写作 12000000',
    });
    expect((await ledger(crm, contract.id)).instalments).toEqual([]);
  });

  test('a rep who does not work the customer sees no plan; a rep reads but does not record', async () => {
    const id = await activeContract(crm, zhangwei, lina);
    await addPlan(zhangwei, id, [{ dueDate: '2027-03-31', amountCents: 5_000_000 }]);
    expect((await liuyang.get(`/api/contracts/${id}/receivables`)).status).toBe(404);
    const mine = await zhangwei.get(`/api/contracts/${id}/receivables`);
    expect(mine.status).toBe(200);
    const [first] = mine.body.instalments;
    const refused = await zhangwei.send('POST', `/api/receivables/${first.id}/receipts`, {
      amountCents: 100,
      receivedOn: '2027-03-01',
      method: 'bank',
    });
    expect(problemOf(refused)).toEqual({
      status: 403,
      type: 'urn:kelian:problem:forbidden',
      title: '你的角色可以查看回款计划，但不能修改，请联系管理员',
    });
    expect((await ledger(crm, id)).receipts).toEqual([]);
  });
});

describe('receipts', () => {
  let contractId: number;
  let ids: number[];

  beforeAll(async () => {
    contractId = await activeContract(crm, zhangwei, lina);
    // One instalment long past due (逾期), two to come.
    const plan = await addPlan(zhangwei, contractId, [
      { dueDate: '2026-01-15', amountCents: 3_000_000 },
      { dueDate: '2030-06-30', amountCents: 3_000_000 },
      { dueDate: '2030-12-31', amountCents: 4_000_000 },
    ]);
    ids = plan.instalments.map((i) => i.id);
  });

  const receive = (id: number, body: Record<string, unknown>, who = luojuan) =>
    who.send('POST', `/api/receivables/${id}/receipts`, {
      receivedOn: '2026-12-01',
      method: 'bank',
      ...body,
    });

  test("the overdue instalment counts in the customer's 逾期 figure and the finance list", async () => {
    const customerId = await customerOf(crm, '张伟');
    const mine = await zhangwei.get(`/api/customers/${customerId}/receivables`);
    expect(mine.status).toBe(200);
    expect(mine.body.overdue).toMatchObject({ cents: expect.any(Number) });
    expect(mine.body.overdue.cents).toBeGreaterThanOrEqual(3_000_000);
    const overdue = await luojuan.get(`/api/receivables?view=overdue&customerId=${customerId}`);
    expect(overdue.body.items.map((i: { id: number }) => i.id)).toContain(ids[0]);
    expect(overdue.body.items.find((i: { id: number }) => i.id === ids[0])).toMatchObject({
      status: 'overdue',
      statusLabel: '逾期',
      openCents: 3_000_000,
    });
    const due = await luojuan.get(`/api/receivables?view=due&customerId=${customerId}`);
    expect(due.body.items.map((i: { id: number }) => i.id)).not.toContain(ids[0]);
  });

  test('a partial receipt leaves it 部分回款 (still 逾期 when past due); more than is open needs 多付', async () => {
    const partial = await receive(ids[1]!, { amountCents: 1_000_000, note: '首笔' });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body.instalment).toMatchObject({
      status: 'partial',
      statusLabel: '部分回款',
      openCents: 2_000_000,
    });
    expect(partial.body.receipt).toMatchObject({
      amountCents: 1_000_000,
      methodLabel: '银行转账',
      recordedBy: { name: '罗娟' },
    });
    const over = await receive(ids[1]!, { amountCents: 2_000_001 });
    expect(problemOf(over)).toEqual({
      status: 400,
      type: 'urn:kelian:problem:receipt-over-open',
      title: '本次回款 ¥20,000.01 超过了这一期未回款的 ¥20,000.00；如确属客户多付，请勾选「多付」后再登记',
    });
    const overpaid = await receive(ids[1]!, { amountCents: 2_000_001, overpayment: true });
    expect(overpaid.status).toBe(201);
    expect(overpaid.body.receipt.overpayment).toBe(true);
    expect(overpaid.body.instalment).toMatchObject({ status: 'paid', statusLabel: '已回款', openCents: 0 });
    const late = await receive(ids[0]!, { amountCents: 1_000_000 });
    expect(late.body.instalment).toMatchObject({ status: 'overdue', openCents: 2_000_000 });
    expect((await ledger(crm, contractId)).receipts).toEqual([
      { amount: 1_000_000, overpayment: false },
      { amount: 2_000_001, overpayment: true },
      { amount: 1_000_000, overpayment: false },
    ]);
  });

  test.each([
    ['negative', -5],
    ['fractional', 0.5],
  ])('a %s receipt is refused, nothing recorded', async (_, amountCents) => {
    const before = await ledger(crm, contractId);
    const res = await receive(ids[2]!, { amountCents });
    expect(problemOf(res)).toMatchObject({
      status: 400,
      type: 'urn:kelian:problem:receivable-amount-invalid',
    });
    expect(await ledger(crm, contractId)).toEqual(before);
  });

  test('a cancelled instalment takes no receipt; one with receipts cannot be cancelled', async () => {
    const cancelled = await luojuan.send('POST', `/api/receivables/${ids[2]}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', statusLabel: '已取消' });
    const refused = await receive(ids[2]!, { amountCents: 100 });
    expect(problemOf(refused)).toEqual({
      status: 409,
      type: 'urn:kelian:problem:receivable-cancelled',
      title: '这一期回款计划已取消，不能再登记回款或延期',
    });
    const withReceipts = await luojuan.send('POST', `/api/receivables/${ids[1]}/cancel`);
    expect(problemOf(withReceipts)).toMatchObject({
      status: 409,
      type: 'urn:kelian:problem:receivable-has-receipts',
    });
    expect((await ledger(crm, contractId)).instalments.map((i) => i.state)).toEqual([
      'open',
      'open',
      'cancelled',
    ]);
    // The cancelled ¥40,000 no longer counts against the contract: a new instalment fits again.
    const plan = await addPlan(luojuan, contractId, [{ dueDate: '2031-03-31', amountCents: 4_000_000 }]);
    expect(plan.instalments.at(-1)).toMatchObject({ seq: 4, statusLabel: '未回款' });
    expect(plan.totals.plannedCents).toBe(10_000_000);
  });

  test("a draft takes no receipt; every receipt is audited and on the customer's timeline", async () => {
    const draft = await draftContract(zhangwei, await customerOf(crm, '张伟'), 1_000_000);
    const [instalment] = (
      await addPlan(zhangwei, draft.id, [{ dueDate: '2027-03-31', amountCents: 1_000_000 }])
    ).instalments;
    const res = await receive(instalment!.id, { amountCents: 100 });
    expect(problemOf(res)).toEqual({
      status: 409,
      type: 'urn:kelian:problem:receivable-contract-unsigned',
      title: '合同还是草稿，生效后才能登记回款',
    });
    expect((await auditRows(crm.db, 'receivable', ids[1]!)).map((r) => r.changes)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ receivedCents: { before: 1_000_000, after: 3_000_001 } }),
      ]),
    );
    const customerId = await customerOf(crm, '张伟');
    const timeline = await zhangwei.get(`/api/customers/${customerId}/timeline?limit=50`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    const titles = timeline.body.items.map((e: { title: string }) => e.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^回款 ¥20,000\.01（合同 HT-TEST-.* 第2期，2026-12-01）$/),
      ]),
    );
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^回款计划：合同 HT-TEST-.* 第1期 ¥30,000\.00，回款日 2026-01-15$/),
      ]),
    );
  });
});
