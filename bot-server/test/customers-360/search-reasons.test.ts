// Searching customers by what is not in their name (issue 12): initials from inside a name (xh
// finds 北京星河), and a result that says why it came up (联系人 赵文博) in the API's list, which the
// mini-app shows, and on the bot's 客户 results card.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { sandboxOf, waitForOutgoing } from '../support/sandbox.js';

let crm: Crm;
let zhangWei: Session;
const ids: Record<string, number> = {};

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  // Names no demo customer comes near: 犇骉 (ben biao), 骉淼 (biao miao).
  for (const [key, body] of Object.entries({
    inside: { kind: 'company', name: '北京犇骉科技有限公司' },
    contact: {
      kind: 'company',
      name: '锦程精密机械测试有限公司',
      contacts: [{ name: '骉淼', mobile: '13912347788', primary: true }],
    },
  })) {
    const res = await zhangWei.send('POST', '/api/customers', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
  }
});
afterAll(() => crm.stop());

/** The customers 张伟 finds for `q`, as the mini-app's search list gets them. */
async function found(q: string) {
  const res = await zhangWei.get(`/api/customers?q=${encodeURIComponent(q)}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.items as { id: number; name: string; matchedBy?: string }[];
}

describe('the reason a customer matched', () => {
  test('initials from inside the name find it and say which characters they spell', async () => {
    const items = await found('bbkj');
    expect(items.map((c) => [c.name, c.matchedBy])).toEqual([['北京犇骉科技有限公司', '拼音 犇骉科技']]);
  });

  test('a contact’s name, pinyin or phone tail says which contact', async () => {
    for (const q of ['骉淼', 'biaomiao', 'bm']) {
      const item = (await found(q)).find((c) => c.id === ids.contact);
      expect(item?.matchedBy, q).toBe('联系人 骉淼');
    }
    const byPhone = (await found('7788')).find((c) => c.id === ids.contact);
    expect(byPhone?.matchedBy).toBe('联系人 骉淼 手机尾号 7788');
  });

  test('a name that shows the match needs no reason', async () => {
    const items = await found('犇骉');
    expect(items).toHaveLength(1);
    expect(items[0]).not.toHaveProperty('matchedBy');
  });

  test('the bot’s 客户 results card says it too', async () => {
    const after = sandboxOf(crm.server).state.messages.list({}).at(-1)?.seq ?? 0;
    await sandboxOf(crm.server).actions.sendWeComText({ from: 'ZhangWei', text: '客户 biaomiao' });
    const card = await waitForOutgoing(
      crm.server,
      'wecom',
      (m) => m.seq > after && m.viewers.includes('ZhangWei') && m.type === 'template_card',
    );
    expect(JSON.stringify(card.content)).toContain('匹配：联系人 骉淼 · 负责人 张伟');
  });
});
