// Issue 14's story in the chats of the sandbox, through card clicks on both platforms: 张伟's
// ¥600,000 contract reaches 李娜's direct chat as a card; her 同意 on WeCom makes every copy say
// 1/3; 罗娟 approves on DingTalk and 梁宇's copies are greyed at once (或签); 王建国 rejects on WeCom
// with one of the flow's preset reasons and 张伟 reads it in his chat; on DingTalk the reason is
// typed in the card; 其他原因 leads to the mini-app's decision page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { sandboxOf } from '../support/sandbox.js';
import {
  answerTo,
  contractFlowPeople,
  copyOf,
  everyCopy,
  lastSeq,
  type Person,
  peopleNamed,
  weComCopy,
  weComSees,
} from './chat-support.js';
import { contractStatus, customerOf, draftContract, submit } from './support.js';

let crm: Crm;
let zhangwei: Session;
let people: Record<'zhangwei' | 'lina' | 'luojuan' | 'liangyu' | 'wang', Person>;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
  people = await peopleNamed(crm, contractFlowPeople);
});
afterAll(() => crm?.stop());

const actions = () => sandboxOf(crm.server).actions;
/** The variant of an approver's copy: their step and their id. */
const step = (index: number, who: Person) => `s${index}u${who.id}`;

describe('a ¥600,000 contract in the chats', () => {
  let customerId: number;
  let contractId: number;
  let run: number;

  test('李娜 gets the card with the figures and approves on WeCom: every copy says 1/3', async () => {
    customerId = await customerOf(crm, '张伟');
    const contract = await draftContract(zhangwei, customerId, 60_000_000);
    contractId = contract.id;
    run = await submit(zhangwei, contract.id);
    const { lina, luojuan, liangyu, zhangwei: submitter } = people;

    const card = await copyOf(crm, run, 'wecom', step(0, lina));
    const shown = weComCopy(crm, card, lina.wecom);
    for (const figure of [
      '¥600,000.00',
      contract.number,
      '合同期限',
      '2027-01-01 至 2027-12-31',
      '0/3 · 等待 李娜',
    ])
      expect(shown).toContain(figure);
    expect(shown).toContain(`approval.approve:${run}:0`);
    // The submitter follows it, and may withdraw it, from his own copy.
    expect(weComCopy(crm, await copyOf(crm, run, 'wecom', 'submitter'), submitter.wecom)).toContain(
      `approval.withdraw:${run}`,
    );

    await actions().clickWeComCard({ user: lina.wecom, taskId: card, key: `approval.approve:${run}:0` });
    // Finance (或签) is asked next, on both platforms.
    for (const who of [luojuan, liangyu])
      for (const platform of ['wecom', 'dingtalk'] as const) await copyOf(crm, run, platform, step(1, who));
    // 李娜's, 张伟's, 罗娟's and 梁宇's copies, on both platforms.
    const copies = await everyCopy(crm, run, 8, (c) => c.includes('李娜 已同意 · 1/3 · 等待 罗娟、梁宇'));
    expect(copies).toHaveLength(8);
    expect(weComCopy(crm, card, lina.wecom)).not.toContain('approval.approve');
  });

  test('罗娟 approves on DingTalk: 梁宇’s copies are greyed at once, every copy says 2/3', async () => {
    const { luojuan, liangyu, wang } = people;
    const card = await copyOf(crm, run, 'dingtalk', step(1, luojuan));
    await actions().clickDingTalkCard({
      user: luojuan.dingtalk,
      outTrackId: card,
      action: `approval.approve:${run}:1`,
    });
    await copyOf(crm, run, 'wecom', step(2, wang));
    // Every copy says so (at least the five on DingTalk; WeCom's as updated or replaced).
    const copies = await everyCopy(crm, run, 5, (c) => c.includes('罗娟 已同意 · 2/3 · 等待 王建国'));
    const liangyus = copies.filter((c) => c.includes('已由 罗娟 处理（或签）'));
    expect(liangyus.length).toBeGreaterThanOrEqual(1);
    for (const c of liangyus) expect(c).not.toContain('approval.approve');
    await weComSees(crm, liangyu.wecom, run, '已由 罗娟 处理（或签）');
    await weComSees(crm, people.zhangwei.wecom, run, '罗娟 已同意 · 2/3 · 等待 王建国');
  });

  test('王建国 rejects on WeCom with a preset reason: every copy, 张伟’s chat and the timeline say why', async () => {
    const { wang, zhangwei: submitter } = people;
    const card = await copyOf(crm, run, 'wecom', step(2, wang));
    // The flow's presets (the defaults here) and 其他原因, in the card's drop-down.
    const shown = weComCopy(crm, card, wang.wecom);
    for (const reason of ['价格过低', '信息不全', '客户资质不符', '其他原因'])
      expect(shown).toContain(reason);
    const before = lastSeq(crm);
    await actions().clickWeComCard({
      user: wang.wecom,
      taskId: card,
      key: `approval.reject:${run}:2`,
      selected: { reason: ['r1'] },
    });
    // The outcome reaches 张伟's chat as a new card (a notice: it is never updated).
    const outcome = await answerTo(crm, 'wecom', submitter.wecom, before, '王建国 已驳回：信息不全');
    expect(outcome.type).toBe('template_card');
    // Every copy says so: the six on DingTalk (five, and the outcome) and those on WeCom that could
    // still be updated; a WeCom copy with no update left was replaced by a notice saying the same.
    await everyCopy(crm, run, 6, (c) => c.includes('王建国 已驳回：信息不全'));
    expect(await contractStatus(crm, contractId)).toBe('draft');
    const timeline = await zhangwei.get(`/api/customers/${customerId}/timeline?limit=50`);
    const lines = (timeline.body.items as { title: string; body: string | null }[]).map(
      (i) => `${i.title} ${i.body ?? ''}`,
    );
    expect(lines.find((l) => l.startsWith('驳回'))).toContain('理由：信息不全');
  });
});

describe('reasons', () => {
  test('on DingTalk the reason is typed in the card; an empty one is refused and changes nothing', async () => {
    const { lina, zhangwei: submitter } = people;
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 10_000_000);
    const run = await submit(zhangwei, contract.id);
    const card = await copyOf(crm, run, 'dingtalk', step(0, lina));
    const views = sandboxOf(crm.server).state.dingtalk.cards.views(card);
    expect(views[lina.dingtalk]!.params.has_input).toBe('true');

    const before = lastSeq(crm);
    await actions().clickDingTalkCard({
      user: lina.dingtalk,
      outTrackId: card,
      action: `approval.reject!:${run}:0`,
      params: { reason: ' ' },
    });
    await answerTo(crm, 'dingtalk', lina.dingtalk, before, '驳回需要填写理由（至少 2 个字）');
    expect(await contractStatus(crm, contract.id)).toBe('pending');

    await actions().clickDingTalkCard({
      user: lina.dingtalk,
      outTrackId: card,
      action: `approval.reject!:${run}:0`,
      params: { reason: '客户要求分三期付款，请改付款条件' },
    });
    const outcome = await copyOf(crm, run, 'dingtalk', 'outcome');
    await everyCopy(crm, run, 4, (c) => c.includes('李娜 已驳回：客户要求分三期付款，请改付款条件'));
    expect(
      JSON.stringify(sandboxOf(crm.server).state.dingtalk.cards.views(outcome)[submitter.dingtalk]!.params),
    ).toContain('客户要求分三期付款');
    expect(await contractStatus(crm, contract.id)).toBe('draft');
  });

  test('其他原因 on WeCom answers with the decision page of the mini-app; nothing is decided', async () => {
    const { lina } = people;
    const contract = await draftContract(zhangwei, await customerOf(crm, '张伟'), 10_000_000);
    const run = await submit(zhangwei, contract.id);
    const card = await copyOf(crm, run, 'wecom', step(0, lina));
    const before = lastSeq(crm);
    await actions().clickWeComCard({
      user: lina.wecom,
      taskId: card,
      key: `approval.reject:${run}:0`,
      selected: { reason: ['other'] },
    });
    const answer = await answerTo(crm, 'wecom', lina.wecom, before, '填写理由并驳回');
    expect(JSON.stringify(answer.content)).toContain(`/pages/approvals/detail?id=${run}`);
    expect(await contractStatus(crm, contract.id)).toBe('pending');
    expect(weComCopy(crm, card, lina.wecom)).toContain(`approval.reject:${run}:0`);
  });
});

describe('commands', () => {
  test('审批 answers with a card of what waits for me; 合同 <客户> lists that customer’s contracts with status', async () => {
    const { wang, zhangwei: submitter } = people;
    const customerId = await customerOf(crm, '张伟');
    const contract = await draftContract(zhangwei, customerId, 60_000_000);
    const run = await submit(zhangwei, contract.id);
    const { rows } = await crm.db.query<{ name: string }>('select name from customer where id = $1', [
      customerId,
    ]);
    const customer = rows[0]!.name;

    let before = lastSeq(crm);
    await actions().sendWeComText({ from: people.lina.wecom, text: '审批' });
    const inbox = await answerTo(crm, 'wecom', people.lina.wecom, before, '待你审批');
    expect(JSON.stringify(inbox.content)).toContain(`/pages/approvals/detail?id=${run}`);
    before = lastSeq(crm);
    await actions().sendWeComText({ from: wang.wecom, text: '审批' });
    await answerTo(crm, 'wecom', wang.wecom, before, '没有待你审批的单据');

    before = lastSeq(crm);
    await actions().sendWeComText({ from: submitter.wecom, text: `合同 ${customer}` });
    const list = await answerTo(crm, 'wecom', submitter.wecom, before, `「${customer}」的合同`);
    expect(JSON.stringify(list.content)).toContain(`${contract.number}「年度框架合同」¥600,000.00 · 审批中`);
  });
});
