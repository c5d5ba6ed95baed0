// A deal's own DingTalk group: 关联商机 said in the group by someone who may change the deal makes the
// group follow the deal's approvals: a copy of the card is posted there and kept current with every
// other copy, while the decisions stay with the approvers. Someone who may not change the deal, a
// direct chat and WeCom (whose app group chats carry no cards) are answered and change nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { copyOf, lastSeq, type Person, peopleNamed, weComCopy } from './chat-support.js';
import { draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let people: Record<'zhangwei' | 'lina' | 'liuyang', Person>;
let deal: { id: number; name: string; customer_id: number };
let group: { dingtalk: { openConversationId: string } };
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
  people = await peopleNamed(crm, { zhangwei: '张伟', lina: '李娜', liuyang: '刘洋' });
  const { rows } = await crm.db.query<typeof deal>(
    `select o.id, o.name, o.customer_id from opportunity o join app_user u on u.id = o.owner_id
      where u.name = '张伟' and o.status = 'open' order by o.id limit 1`,
  );
  deal = rows[0]!;
  group = sandboxOf(crm.server).state.org.groups.find((g) => g.name === '华北销售部群')!;
});
afterAll(() => crm?.stop());

const actions = () => sandboxOf(crm.server).actions;
const boundGroup = async () =>
  (
    await crm.db.query<{ g: string | null }>(
      'select dingtalk_conversation_id as g from opportunity where id = $1',
      [deal.id],
    )
  ).rows[0]!.g;

/** Says `text` in the DingTalk group as `who`; answers the bot's reply there. */
async function sayInGroup(who: Person, text: string): Promise<string> {
  const after = lastSeq(crm);
  await actions().sendDingTalkText({
    from: who.dingtalk,
    conversationId: group.dingtalk.openConversationId,
    text,
  });
  const reply = await waitForOutgoing(
    crm.server,
    'dingtalk',
    (m) =>
      m.seq > after && m.chat === group.dingtalk.openConversationId && m.direction === 'out' && !m.cardId,
  );
  return textOf(reply);
}

describe('关联商机', () => {
  test('someone who may not change the deal, a direct chat and WeCom are answered and bind nothing', async () => {
    expect(await sayInGroup(people.liuyang, `关联商机 ${deal.name}`)).toContain(
      '没有找到你可以操作的商机或客户',
    );

    let after = lastSeq(crm);
    await actions().sendDingTalkText({ from: people.zhangwei.dingtalk, text: `关联商机 ${deal.name}` });
    const direct = await waitForOutgoing(
      crm.server,
      'dingtalk',
      (m) => m.seq > after && m.direction === 'out',
    );
    expect(textOf(direct)).toContain('请在商机的钉钉群里 @我 说');

    after = lastSeq(crm);
    // WeCom calls an app back for direct messages only: told there, in the one chat it can be said.
    await actions().sendWeComText({ from: people.zhangwei.wecom, text: `关联商机 ${deal.name}` });
    const wecom = await waitForOutgoing(crm.server, 'wecom', (m) => m.seq > after && m.direction === 'out');
    expect(textOf(wecom)).toContain('企业微信的应用群聊不能显示审批卡片');
    expect(await boundGroup()).toBeNull();
  });

  test("the deal's contract approval is posted in its group and every change shows there", async () => {
    expect(await sayInGroup(people.zhangwei, `关联商机 ${deal.name}`)).toContain(
      `本群已关联商机「${deal.name}」`,
    );
    expect(await boundGroup()).toBe(group.dingtalk.openConversationId);

    const contract = await draftContract(zhangwei, deal.customer_id, 10_000_000, { opportunityId: deal.id });
    const run = await submit(zhangwei, contract.id);
    const groupCard = await copyOf(crm, run, 'dingtalk', 'group');
    const { state } = sandboxOf(crm.server);
    const shown = () =>
      Object.values(state.dingtalk.cards.views(groupCard)).map((v) => JSON.stringify(v.params));
    // In the group's chat, for every member alike: the figures and the progress, no decision buttons.
    const message = state.messages.list({}).find((m) => m.cardId === groupCard)!;
    expect(message.chat).toBe(group.dingtalk.openConversationId);
    const first = shown();
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(first).size).toBe(1);
    expect(first[0]).toContain('¥100,000.00');
    expect(first[0]).toContain('0/1 · 等待 李娜');
    expect(first[0]).not.toContain('approval.approve');

    const lina = await copyOf(crm, run, 'wecom', `s0u${people.lina.id}`);
    await actions().clickWeComCard({
      user: people.lina.wecom,
      taskId: lina,
      key: `approval.approve:${run}:0`,
    });
    await expect.poll(() => shown()[0], { timeout: 15_000 }).toContain('已通过');
    await expect.poll(() => weComCopy(crm, lina, people.lina.wecom), { timeout: 15_000 }).toContain('已通过');
  });

  test('取消关联商机 stops the group getting the next approval', async () => {
    expect(await sayInGroup(people.zhangwei, `取消关联商机 ${deal.name}`)).toContain('本群已取消关联商机');
    expect(await boundGroup()).toBeNull();
    const contract = await draftContract(zhangwei, deal.customer_id, 10_000_000, { opportunityId: deal.id });
    const run = await submit(zhangwei, contract.id);
    // The submitter's copy is planned in the same transaction as a group copy would be.
    await copyOf(crm, run, 'dingtalk', 'submitter');
    const { rows } = await crm.db.query(
      `select card_id from outbound_message where subject_type = 'approval' and subject_id = $1 and card_id like $2`,
      [run, `approval-${run}-group-%`],
    );
    expect(rows).toEqual([]);
  });
});
