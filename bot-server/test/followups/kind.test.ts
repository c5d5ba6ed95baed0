// 跟进 records the kind of contact the words name (钉钉 or 微信 → 微信, 上门 → 拜访, 邮件, 开会 → 会议,
// 打了 → 电话); words that name none are recorded as a call, and the reply says so and how to say it.
import { beforeAll, expect, test } from 'vitest';
import { apiClient } from '../api/support.js';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from '../support/sandbox.js';
import { disableDemoRules } from './support.js';

const t = useTestServer();
let huawei: number;

async function say(text: string) {
  const after = sandboxOf(t.server).state.messages.list({}).at(-1)?.seq ?? 0;
  await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text });
  const reply = await waitForOutgoing(
    t.server,
    'wecom',
    (m) => m.seq > after && m.viewers.includes('ZhangWei') && m.direction === 'out' && m.type === 'text',
  );
  return textOf(reply);
}

const lastKind = async () =>
  (
    await t.db.query<{ kind: string; content: string }>(
      'select kind, content from follow_up where customer_id = $1 order by id desc limit 1',
      [huawei],
    )
  ).rows[0];

beforeAll(async () => {
  await disableDemoRules(t.db);
  const api = apiClient(t.server);
  const { rows } = await t.db.query(`select id from app_user where name = '张伟'`);
  const { token } = (await api('/api/auth/sandbox', { body: { userId: rows[0].id } })).body;
  const created = await api('/api/customers', { token, body: { kind: 'company', name: '华为技术有限公司' } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  huawei = created.body.customer?.id ?? created.body.id;
});

test.each([
  ['钉钉上沟通了合同条款', 'wechat', '微信'],
  ['企微发了产品资料', 'wechat', '微信'],
  ['上门演示了样机', 'visit', '拜访'],
  ['邮件发了合同草稿', 'email', '邮件'],
  ['开会对齐了交付计划', 'meeting', '会议'],
  ['打了过去确认到货', 'call', '电话'],
])('跟进 华为 %s is recorded as %s', async (content, kind, label) => {
  expect(await say(`跟进 华为 ${content}`)).toBe(`已记录对「华为技术有限公司」的${label}跟进。`);
  expect(await lastKind()).toEqual({ kind, content });
});

test('words naming no kind: recorded as a call, and the reply says so and how to name the kind', async () => {
  expect(await say('跟进 华为 发了报价')).toBe(
    '已记录对「华为技术有限公司」的电话跟进。内容里没写跟进方式，已按电话记录；' +
      '若是微信、拜访、邮件或会议，写进内容即可，例如：跟进 华为技术有限公司 微信发了报价',
  );
  expect(await lastKind()).toEqual({ kind: 'call', content: '发了报价' });
});
