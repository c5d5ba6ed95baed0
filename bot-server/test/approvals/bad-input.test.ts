// Bad input to contracts and approvals: each answered with a clear Chinese title and a stable type,
// and nothing changed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { contractStatus, customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let liuyang: Session;
let customerId: number;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, liuyang] = await Promise.all([crm.as('张伟'), crm.as('刘洋')]);
  customerId = await customerOf(crm, '张伟');
});
afterAll(() => crm?.stop());

const contractCount = async () =>
  (await crm.db.query<{ n: number }>('select count(*)::int as n from contract')).rows[0]!.n;
const problem = (type: string) => `urn:kelian:problem:${type}`;

describe('contracts', () => {
  const base = {
    number: 'HT-BAD-1',
    name: '坏合同',
    amountCents: 100,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
  };

  test.each([
    ['a negative amount', { amountCents: -100 }, 'contract-amount-invalid'],
    ['a zero amount', { amountCents: 0 }, 'contract-amount-invalid'],
    ['a fractional amount', { amountCents: 100.5 }, 'contract-amount-invalid'],
    ['an end before the start', { startDate: '2027-06-01', endDate: '2027-05-31' }, 'contract-dates-invalid'],
  ])('%s is refused and nothing is written', async (_what, change, type) => {
    const before = await contractCount();
    const res = await zhangwei.send('POST', '/api/contracts', { ...base, customerId, ...change });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe(problem(type));
    expect(res.body.title).toMatch(/合同/);
    expect(await contractCount()).toBe(before);
  });

  test('an edit to a fractional amount or reversed dates leaves the draft as it was', async () => {
    const contract = await draftContract(zhangwei, customerId, 12_345_600);
    for (const change of [{ amountCents: 1.5 }, { endDate: '2026-01-01' }]) {
      const res = await zhangwei.send('PATCH', `/api/contracts/${contract.id}`, change);
      expect(res.status).toBe(400);
    }
    const { rows } = await crm.db.query('select amount_cents, end_date from contract where id = $1', [
      contract.id,
    ]);
    expect(rows[0]).toMatchObject({ amount_cents: '12345600' });
  });

  test('a number already used is a conflict', async () => {
    const first = await draftContract(zhangwei, customerId, 100);
    const res = await zhangwei.send('POST', '/api/contracts', { ...base, customerId, number: first.number });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      type: problem('contract-number-taken'),
      title: `合同编号「${first.number}」已被使用`,
    });
  });

  test("a colleague's customer is not found; another rep cannot submit 张伟's contract", async () => {
    const res = await liuyang.send('POST', '/api/contracts', { ...base, number: 'HT-BAD-2', customerId });
    expect(res.status).toBe(404);
    const contract = await draftContract(zhangwei, customerId, 100);
    expect((await liuyang.send('POST', `/api/contracts/${contract.id}/submit`, {})).status).toBe(404);
    expect(await contractStatus(crm, contract.id)).toBe('draft');
  });
});

describe('decisions', () => {
  test('someone not on the step, or the submitter, cannot decide; the run is untouched', async () => {
    const contract = await draftContract(zhangwei, customerId, 10_000_000);
    const id = await submit(zhangwei, contract.id);
    const outsider = await crm.as('罗娟');
    for (const session of [outsider, zhangwei]) {
      const res = await session.send('POST', `/api/approvals/${id}/approve`, {});
      expect(res.status).toBe(403);
      expect(res.body.title).toBe('你不是这一步的审批人');
    }
    // A rep who neither submitted nor approves does not see the run at all.
    expect((await liuyang.send('POST', `/api/approvals/${id}/approve`, {})).status).toBe(404);
    const { rows } = await crm.db.query('select status from approval_task where instance_id = $1', [id]);
    expect(rows).toEqual([{ status: 'pending' }]);
    expect(await contractStatus(crm, contract.id)).toBe('pending');
  });

  test('a task named from a card of an earlier step does not decide the next one', async () => {
    const contract = await draftContract(zhangwei, customerId, 60_000_000);
    const id = await submit(zhangwei, contract.id);
    const lina = await crm.as('李娜');
    const first = await lina.send('POST', `/api/approvals/${id}/approve`, {});
    const linaTask = first.body.steps[0].tasks[0].id;
    const again = await lina.send('POST', `/api/approvals/${id}/approve`, { taskId: linaTask });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: problem('approval-decided'), title: '这一步已由 李娜 处理' });
    const { rows } = await crm.db.query('select current_step from approval_instance where id = $1', [id]);
    expect(rows[0].current_step).toBe(1);
  });
});
