// 报价 <客户> in chat: the customer's quotes as a card (status, number, total) with 打开 links to
// each quote, newest first; a customer without quotes is told so.
import { expect, test } from 'vitest';
import { apiClient } from '../api/support.js';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';

const t = useTestServer();

const lastSeq = () => sandboxOf(t.server).state.messages.list({}).at(-1)?.seq ?? 0;

async function zhangWeisCustomers() {
  const { rows } = await t.db.query<{ id: number; name: string }>(
    `select c.id, c.name from customer c join app_user u on u.id = c.owner_id
      where u.name = '张伟' and c.deleted_at is null order by c.id limit 2`,
  );
  return rows;
}

async function signIn(name: string) {
  const api = apiClient(t.server);
  const { rows } = await t.db.query<{ id: number }>('select id from app_user where name = $1', [name]);
  const res = await api('/api/auth/sandbox', { body: { userId: rows[0]!.id } });
  return (path: string, body?: unknown) =>
    api(path, { token: res.body.token, ...(body === undefined ? {} : { body }) });
}

test('报价 <客户> answers with the customer’s quotes, newest first, each openable', async () => {
  const [customer, bare] = await zhangWeisCustomers();
  const call = await signIn('张伟');
  const { rows } = await t.db.query<{ id: number }>(`select id from product where sku = 'YF-AGV-300'`);
  const ids: number[] = [];
  for (const quantity of [1, 2]) {
    const res = await call('/api/quotes', {
      customerId: customer!.id,
      title: `机器人 ${quantity} 台`,
      validUntil: `${new Date().getUTCFullYear() + 1}-03-31`,
      lines: [{ productId: rows[0]!.id, quantity }],
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  await call(`/api/quotes/${ids[0]}/submit`, {});

  const after = lastSeq();
  await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text: `报价 ${customer!.name}` });
  const card = await waitForOutgoing(
    t.server,
    'wecom',
    (m) => m.seq > after && m.viewers.includes('ZhangWei') && m.type === 'template_card',
  );
  const shown = JSON.stringify(card.content);
  expect(shown).toContain(`报价：${customer!.name}`);
  const number = (id: number) => `BJ${String(id).padStart(6, '0')}`;
  expect(shown).toContain(`{"keyname":"草稿","value":"${number(ids[1]!)} · ¥256,000.00"}`);
  expect(shown).toContain(`{"keyname":"已批准","value":"${number(ids[0]!)} · ¥128,000.00"}`);
  expect(shown).toContain(`quotes/detail?id=${ids[0]}`);
  expect(shown.indexOf(`quotes/detail?id=${ids[1]}`)).toBeLessThan(
    shown.indexOf(`quotes/detail?id=${ids[0]}`),
  );

  const next = lastSeq();
  await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text: `bj ${bare!.name}` });
  const reply = await waitForOutgoing(
    t.server,
    'wecom',
    (m) => m.seq > next && m.viewers.includes('ZhangWei') && m.direction === 'out',
  );
  expect(textOf(reply)).toBe(`客户「${bare!.name}」还没有报价`);
});
