// Receivable reminders with time advanced: at 09:00 three days before, on the day and the day after
// an instalment falls due, a task card to the contract's owner, once per stage even when runs
// overlap; 已回款 records the open amount and 延期 moves the due date, each telling finance.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { receivableReminderJob } from '../../src/bot/receivables/jobs.js';
import type { ChatMessage } from '../../src/sandbox/index.js';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { runJob } from '../support/jobs.js';
import { cardsOf, sandboxOf, shownEverywhere, textOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';
import { activeContract, addPlan, ledger } from './support.js';

let crm: Crm;
let zhangwei: Session;
let contractId: number;
let ids: number[];
const seen = new Set<number>();

beforeAll(async () => {
  crm = await startCrm();
  let lina: Session;
  [zhangwei, lina] = await Promise.all([crm.as('张伟'), crm.as('李娜')]);
  contractId = await activeContract(crm, zhangwei, lina);
  const plan = await addPlan(zhangwei, contractId, [
    { dueDate: '2027-03-10', amountCents: 3_000_000 },
    { dueDate: '2027-06-10', amountCents: 3_000_000 },
    { dueDate: '2027-09-10', amountCents: 4_000_000 },
  ]);
  ids = plan.instalments.map((i) => i.id);
  for (const m of sandboxOf(crm.server).state.messages.list({ platform: 'wecom' })) seen.add(m.seq);
});
afterAll(() => crm?.stop());

/** Runs the reminder job as of `at` (an ISO instant). */
const remindAt = (at: string) => runJob(crm.server, crm.db, receivableReminderJob, { at });

/** The next WeCom message to `user` the test has not looked at yet. */
async function nextTo(user: string, match: (m: ChatMessage) => boolean) {
  const message = await waitForOutgoing(
    crm.server,
    'wecom',
    (m) => !seen.has(m.seq) && m.viewers.includes(user) && match(m),
  );
  seen.add(message.seq);
  return message;
}
const isText = (m: ChatMessage) => m.type === 'text';
// The contract's approval outcome card may still be on its way when the plan is made: a reminder
// is told apart by its task id.
const isReminder = (m: ChatMessage) =>
  !isText(m) && JSON.stringify(m.content).includes('"task_id":"receivable-');

async function cardCount(id: number, count: number) {
  return waitFor(async () => {
    const rows = await cardsOf(crm.db, 'receivable', id);
    return rows.length === count ? rows : undefined;
  });
}

async function latestWeComCard(id: number): Promise<string> {
  const [wecom] = (await cardsOf(crm.db, 'receivable', id)).filter((c) => c.platform === 'wecom').slice(-1);
  return wecom!.card_id;
}

async function clickAs(user: string, id: number, key: string) {
  await sandboxOf(crm.server).actions.clickWeComCard({ user, taskId: await latestWeComCard(id), key });
}

test('D-3 at 09:00 Shanghai, not a minute before; overlapping runs send it once', async () => {
  await remindAt('2027-03-07T00:59:00Z');
  expect(await cardsOf(crm.db, 'receivable', ids[0]!)).toEqual([]);
  await Promise.all([remindAt('2027-03-07T01:00:00Z'), remindAt('2027-03-07T01:00:00Z')]);
  await remindAt('2027-03-07T05:00:00Z');
  const cards = await cardCount(ids[0]!, 2);
  expect(cards.map((c) => c.platform).sort()).toEqual(['dingtalk', 'wecom']);
  const card = JSON.stringify((await nextTo('ZhangWei', isReminder)).content);
  for (const part of [
    '回款提醒 · 第1期 ¥30,000.00 · 3天后到期',
    '2027-03-10',
    '已回款',
    '延期7天',
    `receivable.paid:${ids[0]}`,
  ])
    expect(card).toContain(part);
  // Nothing for the later instalments yet.
  expect(await cardsOf(crm.db, 'receivable', ids[1]!)).toEqual([]);
});

test("D0 brings the day-of card; a forged click by a colleague on 张伟's card changes nothing", async () => {
  await remindAt('2027-03-10T01:00:00Z');
  await cardCount(ids[0]!, 4);
  expect(JSON.stringify((await nextTo('ZhangWei', isReminder)).content)).toContain('今天到期');
  // 陈静 works other customers: the instalment does not exist for her.
  const forged = sealedCallback(
    crm.server.url,
    cardClickXml('ChenJing', await latestWeComCard(ids[0]!), `receivable.paid:${ids[0]}`),
  );
  expect((await postCallback(forged)).status).toBe(200);
  expect(textOf(await nextTo('ChenJing', isText))).toBe('回款计划不存在。');
  expect((await ledger(crm, contractId)).receipts).toEqual([]);
});

test('已回款 records a receipt of the open amount, tells finance, and every copy says 已回款', async () => {
  await clickAs('ZhangWei', ids[0]!, `receivable.paid:${ids[0]}`);
  expect(textOf(await nextTo('ZhangWei', isText))).toMatch(
    /^张伟 确认「.+」合同 HT-TEST-\S+ 第1期 ¥30,000\.00 已回款，已登记 ¥30,000\.00（2\d{3}-\d\d-\d\d），已通知财务。$/,
  );
  expect(textOf(await nextTo('LuoJuan', isText))).toMatch(
    /^张伟 确认「.+」合同 .* 第1期 ¥30,000\.00 已回款，.*请核对到账。$/,
  );
  expect((await ledger(crm, contractId)).instalments[0]).toMatchObject({ received: 3_000_000 });
  await waitFor(async () =>
    (await shownEverywhere(crm.server, crm.db, 'receivable', ids[0]!)).every(
      (s) => s.includes('已回款') && !s.includes('receivable.paid'),
    )
      ? true
      : undefined,
  );
  // Paid: no overdue card the day after.
  await remindAt('2027-03-11T01:00:00Z');
  expect(await cardsOf(crm.db, 'receivable', ids[0]!)).toHaveLength(4);
});

test('found overdue (D+1) after downtime: one overdue card, not three; 延期 moves the date and the reminders start again', async () => {
  await remindAt('2027-06-11T01:00:00Z');
  await cardCount(ids[1]!, 2);
  expect(JSON.stringify((await nextTo('ZhangWei', isReminder)).content)).toContain('已逾期');
  await clickAs('ZhangWei', ids[1]!, `receivable.defer:${ids[1]}:7d`);
  expect(textOf(await nextTo('ZhangWei', isText))).toMatch(
    /回款日从 2027-06-10 延期到 2027-06-17，已通知财务/,
  );
  expect(textOf(await nextTo('LuoJuan', isText))).toMatch(
    /^张伟 将「.+」合同 .* 第2期 ¥30,000\.00 的回款日从 2027-06-10 延期到 2027-06-17。$/,
  );
  expect((await ledger(crm, contractId)).instalments[1]).toMatchObject({ due: '2027-06-17', received: 0 });
  expect((await auditRows(crm.db, 'receivable', ids[1]!)).at(-1)?.changes).toEqual({
    dueDate: { before: '2027-06-10', after: '2027-06-17' },
  });
  // D-3 of the new date.
  await remindAt('2027-06-13T01:00:00Z');
  expect(await cardsOf(crm.db, 'receivable', ids[1]!)).toHaveLength(2);
  await remindAt('2027-06-14T01:00:00Z');
  await cardCount(ids[1]!, 4);
});
