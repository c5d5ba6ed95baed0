// 客户 <关键词> in chat: the best matches the asker may see, as a card linking each profile; masked
// phones stay masked; no match says so; in a group the card goes to the asker alone.
import { afterAll, describe, expect, test } from 'vitest';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';

const t = useTestServer();

/** A customer of 张伟 with a contact mobile, as the database holds it. */
async function zhangWeisCustomer() {
  const { rows } = await t.db.query<{ id: number; name: string; mobile: string; contact: string }>(
    `select c.id, c.name, ct.mobile, ct.name as contact from customer c
       join app_user u on u.id = c.owner_id join contact ct on ct.customer_id = c.id
      where u.name = '张伟' and c.deleted_at is null and ct.mobile is not null and ct."primary"
      order by c.id limit 1`,
  );
  return rows[0]!;
}

const cardTo = (user: string, platform: 'wecom' | 'dingtalk' = 'wecom', after = 0) =>
  waitForOutgoing(
    t.server,
    platform,
    (m) =>
      m.seq > after && m.viewers.includes(user) && ['template_card', 'interactive_card'].includes(m.type),
  );

const lastSeq = () => sandboxOf(t.server).state.messages.list({}).at(-1)?.seq ?? 0;

describe('客户 <关键词>', () => {
  afterAll(() => t.db.query(`update role set field_rules = '{}' where code = 'sales'`));

  test('a direct message answers with a card: the match, its owner and contact, a link to its profile', async () => {
    const customer = await zhangWeisCustomer();
    const after = lastSeq();
    await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text: `客户 ${customer.name}` });
    const card = await cardTo('ZhangWei', 'wecom', after);
    const shown = JSON.stringify(card.content);
    expect(shown).toContain(customer.name);
    expect(shown).toContain('负责人 张伟');
    expect(shown).toContain(`${customer.contact} ${customer.mobile}`);
    expect(shown).toContain(`customers/detail?id=${customer.id}`);
  });

  test('kh and 查客户 are the same command; a phone tail finds the customer too', async () => {
    const customer = await zhangWeisCustomer();
    for (const text of [`kh ${customer.name}`, `查客户 ${customer.mobile.slice(-4)}`]) {
      const after = lastSeq();
      await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text });
      expect(JSON.stringify((await cardTo('ZhangWei', 'wecom', after)).content)).toContain(
        `customers/detail?id=${customer.id}`,
      );
    }
  });

  test('a masked mobile reaches the card masked, never in full', async () => {
    const customer = await zhangWeisCustomer();
    await t.db.query(
      `update role set field_rules = '{"contact":{"mobile":"masked"},"customer":{"phone":"masked"}}' where code = 'sales'`,
    );
    const after = lastSeq();
    await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text: `客户 ${customer.name}` });
    const shown = JSON.stringify((await cardTo('ZhangWei', 'wecom', after)).content);
    expect(shown).toContain(`${customer.mobile.slice(0, 3)}****${customer.mobile.slice(-4)}`);
    expect(shown).not.toContain(customer.mobile);
  });

  test('no match, and no keyword, are answered in words with the usage', async () => {
    for (const [text, answer] of [
      [
        '客户 并不存在的公司',
        '没有找到你可以查看的客户「并不存在的公司」。可以用名称、拼音、首字母或电话后四位查找，例如：客户 huawei',
      ],
      ['客户', '请写出要查找的客户，例如：客户 华为（用法：客户 <关键词>）'],
    ] as const) {
      const after = lastSeq();
      await sandboxOf(t.server).actions.sendWeComText({ from: 'LiuYang', text });
      const reply = await waitForOutgoing(
        t.server,
        'wecom',
        (m) => m.seq > after && m.viewers.includes('LiuYang'),
      );
      expect(textOf(reply)).toBe(answer);
    }
  });

  test('asked in a group, the card goes to the asker’s direct chat and the group is told so', async () => {
    const customer = await zhangWeisCustomer();
    const group = sandboxOf(t.server).state.org.groups.find((g) => g.name === '华北销售部群')!;
    const after = lastSeq();
    await sandboxOf(t.server).actions.sendDingTalkText({
      from: '0100102',
      conversationId: group.dingtalk.openConversationId,
      text: `客户 ${customer.name}`,
    });
    const told = await waitForOutgoing(
      t.server,
      'dingtalk',
      (m) => m.seq > after && m.chat === group.dingtalk.openConversationId && m.direction === 'out',
    );
    expect(textOf(told)).toBe('张伟，找到的客户已私信发给你。');
    const card = await cardTo('0100102', 'dingtalk', after);
    expect(card.chat).not.toBe(group.dingtalk.openConversationId);
    expect(card.viewers).toEqual(['0100102']);
    const views = sandboxOf(t.server).state.dingtalk.cards.views(card.cardId!);
    expect(Object.keys(views)).toEqual(['0100102']);
    expect(JSON.stringify(views['0100102']!.params)).toContain(customer.name);
  });

  test('帮助 shows every command with its usage and aliases', async () => {
    const after = lastSeq();
    await sandboxOf(t.server).actions.sendWeComText({ from: 'ChenJing', text: '帮助' });
    const help = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.seq > after && m.viewers.includes('ChenJing'),
    );
    expect(textOf(help)).toContain('- **客户 <关键词>**：');
    expect(textOf(help)).toContain('（也可以发：kh、查客户）');
  });
});
