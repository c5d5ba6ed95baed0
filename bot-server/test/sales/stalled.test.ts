import { beforeAll, describe, expect, test } from 'vitest';
import { stalledDealsJob } from '../../src/bot/sales/stalled.js';
import type { ChatMessage } from '../../src/sandbox/index.js';
import { disableDemoRules, signIn } from '../followups/support.js';
import { useTestServer } from '../support/fixture.js';
import { runJob } from '../support/jobs.js';
import { cardsOf, sandboxOf, shownEverywhere, textOf, waitForOutgoing } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { cardClickXml, postCallback, sealedCallback } from '../support/wecom-callback.js';

// A deal that neither moved nor was followed up for longer than its stage allows: one card to the
// owner's manager per quiet spell, 提醒负责人 gives the owner a task (once), forged clicks change
// nothing, and a deal that moves on and goes quiet again is alerted again.

const t = useTestServer();
const day = 86_400_000;
const seen = new Set<number>();
let zhangWei: Awaited<ReturnType<typeof signIn>>;
let manager: { id: number; name: string; wecom: string };
let firstStage: { id: number; stalled_after_days: number };
let dealId: number;
let customerId: number;

const scan = (at = new Date()) => runJob(t.server, t.db, stalledDealsJob, { at: at.toISOString() });

/** The next message Kelian sends `user` on WeCom that the test has not looked at yet. */
async function nextTo(user: string, match: (m: ChatMessage) => boolean = () => true) {
  const message = await waitForOutgoing(
    t.server,
    'wecom',
    (m) => !seen.has(m.seq) && m.viewers.includes(user) && match(m),
  );
  seen.add(message.seq);
  return message;
}

const stalledCards = (id: number) => cardsOf(t.db, 'stalled_deal', id);
const shownToManagers = (id: number) => shownEverywhere(t.server, t.db, 'stalled_deal', id);

/** The manager's click as a raw callback: the clicked copy's buttons are spent, so a second click
 * can only come as a replayed (or forged) callback. */
const managerClicks = (cardId: string) =>
  postCallback(sealedCallback(t.server.url, cardClickXml(manager.wecom, cardId, `deal.nudge:${dealId}`)));

/** A deal of 张伟's in the first stage, quiet for `days` days. */
async function quietDeal(customer: string, days: number): Promise<{ deal: number; customer: number }> {
  const created = await zhangWei('POST', '/api/customers', { kind: 'company', name: customer });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const customerId = created.body.customer?.id ?? created.body.id;
  const deal = await zhangWei('POST', '/api/opportunities', {
    customerId,
    name: `${customer}年度采购`,
    amountCents: 88_000_000,
  });
  expect(deal.status, JSON.stringify(deal.body)).toBe(201);
  await t.db.query(`update opportunity set stage_changed_at = now() - $2 * interval '1 day' where id = $1`, [
    deal.body.id,
    days,
  ]);
  return { deal: deal.body.id, customer: customerId };
}

beforeAll(async () => {
  await disableDemoRules(t.db);
  // The demo's own stalled deal was alerted at start; then this file looks only at its own deals,
  // also when it scans weeks ahead.
  await waitFor(async () =>
    (await t.db.query(`select 1 from firing where key like 'stalled:%'`)).rowCount ? true : undefined,
  );
  await t.db.query('delete from opportunity');
  for (const m of sandboxOf(t.server).state.messages.list({ platform: 'wecom' })) seen.add(m.seq);
  zhangWei = await signIn(t.server, t.db, '张伟');
  const { rows } = await t.db.query(
    `select m.id, m.name, m.wecom_user_id as wecom from app_user u join app_user m on m.id = u.manager_id
      where u.name = '张伟'`,
  );
  manager = rows[0];
  firstStage = (
    await t.db.query(
      `select id, stalled_after_days from pipeline_stage where outcome = 'open' order by position limit 1`,
    )
  ).rows[0];
  ({ deal: dealId, customer: customerId } = await quietDeal(
    '星河动力科技',
    firstStage.stalled_after_days + 3,
  ));
});

describe('the stalled-deal alert', () => {
  test("a deal quiet past its stage's limit: one card to the owner's manager, none to the owner", async () => {
    await scan();
    const card = await nextTo(manager.wecom, (m) =>
      JSON.stringify(m.content).includes(`deal.nudge:${dealId}`),
    );
    const shown = JSON.stringify(card.content);
    for (const part of [
      '商机停滞',
      '星河动力科技年度采购',
      '张伟',
      '提醒负责人',
      `deal.nudge:${dealId}`,
      '880,000',
    ])
      expect(shown).toContain(part);
    await waitFor(async () => ((await stalledCards(dealId)).length === 2 ? true : undefined));
    await scan();
    await scan(new Date(Date.now() + 2 * day));
    expect(await stalledCards(dealId)).toHaveLength(2);
    const toOwner = sandboxOf(t.server)
      .state.messages.list({ platform: 'wecom' })
      .filter(
        (m) =>
          m.direction === 'out' &&
          m.viewers.includes('ZhangWei') &&
          JSON.stringify(m.content).includes('商机停滞'),
      );
    expect(toOwner).toEqual([]);
  });

  test('a deal whose customer was followed up within the limit is not stalled', async () => {
    const { deal, customer } = await quietDeal('青松医疗器械', firstStage.stalled_after_days + 3);
    const res = await zhangWei('POST', `/api/customers/${customer}/follow-ups`, {
      kind: 'call',
      content: '确认了采购时间表',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await scan();
    expect(await stalledCards(deal)).toEqual([]);
    expect((await t.db.query(`select 1 from firing where key like $1`, [`stalled:${deal}:%`])).rowCount).toBe(
      0,
    );
  });

  test("a forged 提醒负责人 from a colleague, another team's manager or the owner changes nothing", async () => {
    const [wecom] = (await stalledCards(dealId)).filter((c) => c.platform === 'wecom');
    const click = (user: string) =>
      postCallback(sealedCallback(t.server.url, cardClickXml(user, wecom!.card_id, `deal.nudge:${dealId}`)));
    const answer = async (user: string) => textOf(await nextTo(user, (m) => m.type === 'text'));
    await click('LiuYang');
    expect(await answer('LiuYang')).toBe('这个商机不存在，或你无权查看。');
    await click('ZhaoMin');
    expect(await answer('ZhaoMin')).toBe('这个商机不存在，或你无权查看。');
    await click('ZhangWei');
    expect(await answer('ZhangWei')).toBe('只有负责人的主管可以提醒跟进。');
    expect((await t.db.query('select 1 from task where opportunity_id = $1', [dealId])).rowCount).toBe(0);
  });

  test('提醒负责人 gives 张伟 a task card about the deal, once, and every copy shows who nudged', async () => {
    const [wecom] = (await stalledCards(dealId)).filter((c) => c.platform === 'wecom');
    await sandboxOf(t.server).actions.clickWeComCard({
      user: manager.wecom,
      taskId: wecom!.card_id,
      key: `deal.nudge:${dealId}`,
    });
    expect(textOf(await nextTo(manager.wecom, (m) => m.type === 'text'))).toBe(
      '已提醒 张伟 跟进，并给 ta 建了一条待办。',
    );
    const tasks = await t.db.query(
      `select t.id, t.title, a.name as assignee, c.name as created_by, t.customer_id
         from task t join app_user a on a.id = t.assignee_id join app_user c on c.id = t.created_by_id
        where t.opportunity_id = $1`,
      [dealId],
    );
    expect(tasks.rows).toEqual([
      {
        id: expect.any(Number),
        title: '跟进停滞商机「星河动力科技年度采购」',
        assignee: '张伟',
        created_by: manager.name,
        customer_id: customerId,
      },
    ]);
    const taskCard = await nextTo('ZhangWei', (m) => m.type !== 'text');
    for (const part of ['跟进停滞商机', '完成', '推迟1天', '打开客户'])
      expect(JSON.stringify(taskCard.content)).toContain(part);
    await waitFor(async () => {
      const copies = await shownToManagers(dealId);
      return copies.length > 0 && copies.every((s) => s.includes(`${manager.name} 已提醒 张伟 跟进`))
        ? true
        : undefined;
    });

    await managerClicks(wecom!.card_id);
    expect(textOf(await nextTo(manager.wecom, (m) => m.type === 'text'))).toBe(
      `${manager.name} 已经提醒过负责人了。`,
    );
    expect((await t.db.query('select 1 from task where opportunity_id = $1', [dealId])).rowCount).toBe(1);
  });

  test('once the deal moves on the card says so; quiet again past the limit, it is alerted again', async () => {
    const stages = (await zhangWei('GET', '/api/stages')).body.items as { id: number; outcome: string }[];
    const next = stages.filter((s) => s.outcome === 'open')[1]!;
    expect((await zhangWei('POST', `/api/opportunities/${dealId}/stage`, { stageId: next.id })).status).toBe(
      200,
    );
    // Every copy of the manager's card says so at once, without anyone clicking it.
    await waitFor(async () => {
      const copies = await shownToManagers(dealId);
      return copies.length > 0 && copies.every((s) => s.includes('已推进到')) ? true : undefined;
    });
    const [wecom] = (await stalledCards(dealId)).filter((c) => c.platform === 'wecom');
    await managerClicks(wecom!.card_id);
    expect(textOf(await nextTo(manager.wecom, (m) => m.type === 'text'))).toBe(
      '这个商机已经有进展，不再停滞，无需提醒。',
    );

    const limit = (await t.db.query('select stalled_after_days from pipeline_stage where id = $1', [next.id]))
      .rows[0].stalled_after_days as number;
    // Weeks pass: the stage move (and the earlier nudge, before it) move into the past.
    const quietFor = async (days: number) => {
      await t.db.query(
        `update opportunity set stage_changed_at = now() - $2 * interval '1 day' where id = $1`,
        [dealId, days],
      );
      await t.db.query(
        `update task set created_at = now() - ($2 + 1) * interval '1 day' where opportunity_id = $1`,
        [dealId, days],
      );
    };
    await quietFor(limit - 1);
    await scan();
    expect(await stalledCards(dealId)).toHaveLength(2);
    await quietFor(limit + 1);
    await scan();
    const again = await nextTo(manager.wecom, (m) =>
      JSON.stringify(m.content).includes(`deal.nudge:${dealId}`),
    );
    expect(JSON.stringify(again.content)).toContain('停滞');
    await waitFor(async () => ((await stalledCards(dealId)).length === 4 ? true : undefined));
  });

  test('a stalled deal then won or lost: every copy says so, no “0 天 停留在「赢单」”', async () => {
    const won = await quietDeal('远山精密机械', firstStage.stalled_after_days + 3);
    const lost = await quietDeal('白鹭环保科技', firstStage.stalled_after_days + 3);
    await scan();
    for (const { deal } of [won, lost])
      await waitFor(async () => ((await stalledCards(deal)).length === 2 ? true : undefined));
    expect((await zhangWei('POST', `/api/opportunities/${won.deal}/won`, {})).status).toBe(200);
    const lostAnswer = await zhangWei('POST', `/api/opportunities/${lost.deal}/lost`, {
      reason: '预算砍掉了',
    });
    expect(lostAnswer.status).toBe(200);
    const settled = (deal: number, words: string) =>
      waitFor(async () => {
        const copies = await shownToManagers(deal);
        return copies.length > 0 && copies.every((s) => s.includes(words)) ? copies : undefined;
      });
    const wonCopies = await settled(won.deal, '商机已赢单');
    const lostCopies = await settled(lost.deal, '商机已输单');
    for (const shown of [...wonCopies, ...lostCopies]) {
      expect(shown).not.toContain('停留在');
      expect(shown).not.toContain('停留上限');
      expect(shown).not.toContain('提醒负责人');
    }
    for (const shown of lostCopies) expect(shown).toContain('预算砍掉了');
  });
});
