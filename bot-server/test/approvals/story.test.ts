// Issue 14's story through the API on the demo company: 张伟's ¥600,000 contract goes to 李娜, then
// finance, then 王建国, who rejects it with a reason; 张伟 changes it and resubmits, all three
// approve and the contract is 已生效 in the same transaction, and its three-instalment plan's first
// reminder reaches 张伟 as a task card; a ¥100,000 contract needs only 李娜.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approvalDetail, boxPage } from '../../src/api/approvals/schemas.js';
import { contractJson } from '../../src/api/contracts/schemas.js';
import { receivableReminderJob } from '../../src/bot/receivables/jobs.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { addPlan } from '../receivables/support.js';
import { runJob } from '../support/jobs.js';
import { shownEverywhere } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import {
  cardsTo,
  contractStatus,
  customerOf,
  draftContract,
  lastMessageId,
  shownTo,
  submit,
} from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
let luojuan: Session;
let wang: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina, luojuan, wang] = await Promise.all([
    crm.as('张伟'),
    crm.as('李娜'),
    crm.as('罗娟'),
    crm.as('王建国'),
  ]);
});
afterAll(() => crm?.stop());

const detail = async (session: Session, id: number) => {
  const res = await session.get(`/api/approvals/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return approvalDetail.parse(res.body);
};

async function decide(session: Session, id: number, verdict: 'approve' | 'reject', reason?: string) {
  const res = await session.send('POST', `/api/approvals/${id}/${verdict}`, reason ? { reason } : {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return approvalDetail.parse(res.body);
}

const pendingIds = async (session: Session) => {
  const res = await session.get('/api/approvals?box=pending');
  expect(res.status).toBe(200);
  return boxPage.parse(res.body).items.map((i) => i.id);
};

describe('a ¥600,000 contract', () => {
  test('goes to 李娜, finance and 王建国; a rejection with a reason comes back; the resubmission takes effect', async () => {
    const customerId = await customerOf(crm, '张伟');
    const contract = await draftContract(zhangwei, customerId, 60_000_000);
    expect(contractJson.parse(contract).statusLabel).toBe('草稿');
    const before = await lastMessageId(crm);
    const first = await submit(zhangwei, contract.id);

    // The route as resolved at submission: three steps, each with its people.
    let run = await detail(zhangwei, first);
    expect(run.steps.map((s) => [s.name, s.tasks.map((t) => t.approver.name)])).toEqual([
      ['销售主管审批', ['李娜']],
      ['财务审批', []],
      ['总经理审批', []],
    ]);
    expect(run.document).toMatchObject({ amountCents: 60_000_000, number: contract.number });
    expect(await pendingIds(lina)).toContain(first);
    expect(await pendingIds(luojuan)).not.toContain(first);
    expect(await cardsTo(crm, 'LiNa', before)).toEqual([`s0u${await crm.userId('李娜')}`]);
    expect(await shownTo(crm, 'LiNa', first, '0/3 · 等待 李娜')).toContain('¥600,000.00');

    run = await decide(lina, first, 'approve');
    expect(run.steps[0]!.tasks[0]!.status).toBe('approved');
    // Finance is 或签: either 罗娟 or 梁宇; 罗娟 decides, 梁宇's task is done with.
    expect(run.steps[1]!.tasks.map((t) => [t.approver.name, t.status])).toEqual([
      ['罗娟', 'pending'],
      ['梁宇', 'pending'],
    ]);
    run = await decide(luojuan, first, 'approve');
    expect(run.steps[1]!.tasks.map((t) => t.status)).toEqual(['approved', 'skipped']);
    expect(await contractStatus(crm, contract.id)).toBe('pending');

    const beforeReject = await lastMessageId(crm);
    const noReason = await wang.send('POST', `/api/approvals/${first}/reject`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({
      type: 'urn:kelian:problem:approval-reason-required',
      title: '驳回需要填写理由（至少 2 个字）',
    });
    run = await decide(wang, first, 'reject', '付款条件需改为 30/70');
    expect(run.status).toBe('rejected');
    expect(await contractStatus(crm, contract.id)).toBe('draft');
    expect(await cardsTo(crm, 'ZhangWei', beforeReject)).toEqual(['outcome']);
    await shownTo(crm, 'ZhangWei', first, '王建国 已驳回：付款条件需改为 30/70');

    // 张伟 changes the draft and resubmits: a new run, from the first step.
    const changed = await zhangwei.send('PATCH', `/api/contracts/${contract.id}`, {
      amountCents: 58_000_000,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const second = await submit(zhangwei, contract.id);
    expect(second).not.toBe(first);
    await decide(lina, second, 'approve');
    await decide(luojuan, second, 'approve');
    run = await decide(wang, second, 'approve');
    expect(run.status).toBe('approved');
    expect(await contractStatus(crm, contract.id)).toBe('active');
    expect(run.timeline.map((a) => [a.action, a.actor?.name])).toEqual([
      ['submit', '张伟'],
      ['approve', '李娜'],
      ['approve', '罗娟'],
      ['approve', '王建国'],
    ]);
    const mine = boxPage.parse((await zhangwei.get('/api/approvals?box=mine')).body).items;
    expect(mine.slice(0, 2).map((i) => [i.id, i.status])).toEqual([
      [second, 'approved'],
      [first, 'rejected'],
    ]);
    const done = boxPage.parse((await lina.get('/api/approvals?box=done')).body).items.map((i) => i.id);
    expect(done).toEqual(expect.arrayContaining([first, second]));

    // The customer's timeline tells the story, the reason included.
    const timeline = await zhangwei.get(`/api/customers/${customerId}/timeline?limit=50`);
    expect(timeline.status).toBe(200);
    const lines = (timeline.body.items as { type: string; title: string; body: string | null }[])
      .filter((i) => i.type === 'contract' || i.type === 'approval')
      .map((i) => `${i.title}${i.body ? ` ${i.body}` : ''}`);
    // The contract as it stands (changed to ¥580,000 before the resubmission).
    expect(lines).toContain(`新建合同「年度框架合同」（${contract.number} · ¥580,000.00）`);
    expect(lines.find((l) => l.startsWith('驳回'))).toContain('理由：付款条件需改为 30/70');
    expect(lines.filter((l) => l.startsWith('同意'))).toHaveLength(5);

    // An approved contract is not sent again, nor changed.
    const again = await zhangwei.send('POST', `/api/contracts/${contract.id}/submit`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      type: 'urn:kelian:problem:contract-not-draft',
      title: '合同已生效，不能提交审批',
    });
    const edit = await zhangwei.send('PATCH', `/api/contracts/${contract.id}`, { amountCents: 1 });
    expect(edit.body.type).toBe('urn:kelian:problem:contract-not-draft');
    expect(await contractStatus(crm, contract.id)).toBe('active');

    // In force, with a three-instalment plan: the first reminder reaches 张伟 as a task card on
    // both platforms at 09:00 three days before it falls due.
    const plan = await addPlan(zhangwei, contract.id, [
      { dueDate: '2027-03-10', amountCents: 20_000_000 },
      { dueDate: '2027-06-10', amountCents: 20_000_000 },
      { dueDate: '2027-09-10', amountCents: 18_000_000 },
    ]);
    const firstDue = plan.instalments[0]!.id;
    await runJob(crm.server, crm.db, receivableReminderJob, { at: '2027-03-07T01:00:00Z' });
    const copies = await waitFor(async () => {
      const shown = await shownEverywhere(crm.server, crm.db, 'receivable', firstDue);
      return shown.length === 2 ? shown : undefined;
    });
    for (const copy of copies) {
      expect(copy).toContain('回款提醒 · 第1期 ¥200,000.00 · 3天后到期');
      expect(copy).toContain('已回款');
    }
  });
});

describe('a ¥100,000 contract', () => {
  test('needs only 李娜', async () => {
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 10_000_000);
    const id = await submit(zhangwei, contract.id);
    const run = await detail(zhangwei, id);
    expect(run.steps.map((s) => s.name)).toEqual(['销售主管审批']);
    expect((await decide(lina, id, 'approve')).status).toBe('approved');
    expect(await contractStatus(crm, contract.id)).toBe('active');
  });
});

describe('withdrawing and handing over', () => {
  test('the submitter withdraws while pending; the draft can be sent again; nobody else may withdraw', async () => {
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 20_000_000);
    const id = await submit(zhangwei, contract.id);
    const notMine = await lina.send('POST', `/api/approvals/${id}/withdraw`);
    expect(notMine.status).toBe(403);
    expect(notMine.body.title).toBe('只有发起人可以撤回审批');
    const res = await zhangwei.send('POST', `/api/approvals/${id}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expect(await contractStatus(crm, contract.id)).toBe('draft');
    const late = await lina.send('POST', `/api/approvals/${id}/approve`, {});
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      type: 'urn:kelian:problem:approval-closed',
      title: '这个审批已撤回，不能再操作',
    });
    expect(await contractStatus(crm, contract.id)).toBe('draft');
  });

  test('李娜 hands her task to 赵敏, who decides; 李娜 may no longer', async () => {
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 20_000_000);
    const id = await submit(zhangwei, contract.id);
    const zhaomin = await crm.as('赵敏');
    const res = await lina.send('POST', `/api/approvals/${id}/transfer`, {
      toUserId: await crm.userId('赵敏'),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(
      res.body.steps[0].tasks.map((t: { approver: { name: string }; status: string }) => [
        t.approver.name,
        t.status,
      ]),
    ).toEqual([
      ['李娜', 'transferred'],
      ['赵敏', 'pending'],
    ]);
    const refused = await lina.send('POST', `/api/approvals/${id}/approve`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.title).toBe('你不是这一步的审批人');
    expect((await decide(zhaomin, id, 'approve')).status).toBe('approved');
  });
});
