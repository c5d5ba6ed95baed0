import { beforeEach, expect, test } from 'vitest';
import { refreshCardsJob } from '../src/bot/cards/card-jobs.js';
import { useTestServer } from './support/fixture.js';
import { runJob } from './support/jobs.js';
import { sandboxOf, textOf, waitForOutgoing } from './support/sandbox.js';
import { waitFor } from './support/wait.js';

const t = useTestServer();
beforeEach(() => sandboxOf(t.server).state.switches.clear());

async function newLead(company: string): Promise<number> {
  await sandboxOf(t.server).actions.sendWeComText({
    from: 'ZhangWei',
    text: `新线索 ${company} 赵敏 13812341234 北京`,
  });
  const answer = await waitForOutgoing(t.server, 'wecom', (m) => textOf(m).includes(company));
  return Number(/#(\d+)/.exec(textOf(answer))![1]);
}

test('a DingTalk robot without card permission posts the card as an ActionCard with a link into Kelian', async () => {
  sandboxOf(t.server).state.switches.arm({
    platform: 'dingtalk',
    api: 'v1.0/card/instances/createAndDeliver',
    times: 1,
    failure: 'no_permission',
  });
  const leadId = await newLead('北京无权限测试科技');
  const group = sandboxOf(t.server).state.org.groups.find((g) => g.name === '华北销售部群')!;
  const posted = await waitForOutgoing(
    t.server,
    'dingtalk',
    (m) => m.chat === group.dingtalk.openConversationId && m.type.startsWith('sampleActionCard'),
  );
  const content = posted.content as Record<string, string>;
  expect(content.title).toContain('北京无权限测试科技');
  expect(content.text).toContain('138****1234');
  expect(Object.values(content)).toContain('在客联中处理');
  // An ActionCard cannot be updated: nothing is kept to update. The WeCom card is a delivery of
  // its own and may be recorded after the DingTalk post, so wait for it before comparing.
  const rows = await waitFor(async () => {
    const { rows } = await t.db.query(
      `select platform from card_instance where object_type = 'lead' and object_id = $1`,
      [String(leadId)],
    );
    return rows.length > 0 ? rows : undefined;
  });
  expect(rows).toEqual([{ platform: 'wecom' }]);
});

/** The WeCom copy of the lead's card, once it is recorded. */
async function wecomCopy(leadId: number): Promise<string> {
  return waitFor(async () => {
    const { rows } = await t.db.query<{ card_id: string }>(
      `select card_id from card_instance where platform = 'wecom' and object_type = 'lead' and object_id = $1`,
      [String(leadId)],
    );
    return rows[0]?.card_id;
  });
}

const version = async (cardId: string) =>
  (await t.db.query<{ version: number }>(`select version from card_instance where card_id = $1`, [cardId]))
    .rows[0]!.version;

/** What the lead's card shows changes (its contact), as an edit in the mini-app would. */
const renameContact = (leadId: number, name: string) =>
  t.db.query(`update lead set contact_name = $2 where id = $1`, [leadId, name]);

test('a refresh with nothing new leaves the WeCom copy alone, its one update kept for a change', async () => {
  const leadId = await newLead('北京留码测试科技');
  const original = await wecomCopy(leadId);
  const subject = { type: 'lead', id: leadId };
  await runJob(t.server, t.db, refreshCardsJob, { subject });
  await runJob(t.server, t.db, refreshCardsJob, { subject });
  expect(await version(original)).toBe(1);
  await renameContact(leadId, '赵敏敏');
  await runJob(t.server, t.db, refreshCardsJob, { subject });
  expect(await version(original)).toBe(2);
  const views = sandboxOf(t.server).state.wecom.cards.views(original);
  expect(JSON.stringify(views.LiNa!.card)).toContain('赵敏敏');
  const { rows } = await t.db.query(`select replaced_by from card_instance where card_id = $1`, [original]);
  expect(rows).toEqual([{ replaced_by: null }]);
});

test('a WeCom card with no response code left is replaced by a fresh card that says so', async () => {
  const leadId = await newLead('北京换卡测试科技');
  const original = await wecomCopy(leadId);
  // Two changes with nobody clicking: the first update spends message/send's response code, the
  // second has none left.
  const subject = { type: 'lead', id: leadId };
  await renameContact(leadId, '赵敏敏');
  await t.server.jobs.queue.send(refreshCardsJob, { subject });
  await waitFor(async () => ((await version(original)) === 2 ? true : undefined));
  await renameContact(leadId, '赵小敏');
  await t.server.jobs.queue.send(refreshCardsJob, { subject });
  const replacement = await waitFor(async () => {
    const { rows } = await t.db.query<{ replaced_by: string | null }>(
      `select replaced_by from card_instance where card_id = $1`,
      [original],
    );
    return rows[0]?.replaced_by ?? undefined;
  });
  // The replacement is a delivery of its own: it arrives a moment after the old card is marked.
  const fresh = await waitFor(async () => {
    const views = sandboxOf(t.server).state.wecom.cards.views(replacement);
    return Object.keys(views).length > 0 ? views : undefined;
  });
  expect(Object.keys(fresh).sort()).toEqual(['ChenJing', 'LiNa', 'LiuYang', 'ZhangWei']);
  expect(JSON.stringify(fresh.LiNa!.card)).toContain('此卡片已更新，之前的卡片不再有效');
  expect(JSON.stringify(fresh.LiNa!.card)).toContain('北京换卡测试科技');
});
