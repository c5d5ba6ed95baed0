// A person talks to the bot in the sandbox: the message goes through WeCom's encrypted callback or
// DingTalk's Stream, into the inbox, through the bot, and the answer comes back through the
// platforms' APIs, where the sandbox records what the client would show.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { useTestServer } from './support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from './support/sandbox.js';

const t = useTestServer();

const inboxCount = async (platform: string) =>
  (
    await t.db.query<{ n: number }>('select count(*)::int as n from inbox_event where platform = $1', [
      platform,
    ])
  ).rows[0]!.n;

describe('WeCom', () => {
  test('帮助 typed to the app reaches the bot through the encrypted callback and the answer comes back', async () => {
    const { delivery } = await sandboxOf(t.server).actions.sendWeComText({ from: 'ZhangWei', text: '帮助' });
    expect(delivery?.ok).toBe(true);
    const answer = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.viewers.includes('ZhangWei') && m.type === 'markdown',
    );
    expect(textOf(answer)).toContain('张伟，你好');
    expect(textOf(answer)).toContain('**帮助**');
    expect(answer.via).toBe('message/send');
  });

  test('the same callback delivered three times (WeCom retries) is processed once', async () => {
    const before = await inboxCount('wecom');
    const { delivery } = await sandboxOf(t.server).actions.sendWeComText({
      from: 'LiuYang',
      text: '我',
      retry: 2,
    });
    expect(delivery?.attempts.filter((a) => a.status === 200)).toHaveLength(3);
    await waitForOutgoing(t.server, 'wecom', (m) => m.viewers.includes('LiuYang'));
    await sleep(1500);
    expect(await inboxCount('wecom')).toBe(before + 1);
    const answers = sandboxOf(t.server)
      .state.messages.list({ platform: 'wecom', user: 'LiuYang' })
      .filter((m) => m.direction === 'out');
    expect(answers).toHaveLength(1);
    expect(textOf(answers[0]!)).toContain('华北销售部');
  });

  test('an access token that expires between two messages is refreshed and the answer still arrives', async () => {
    await sandboxOf(t.server).actions.sendWeComText({ from: 'ChenJing', text: '我' });
    await waitForOutgoing(t.server, 'wecom', (m) => m.viewers.includes('ChenJing'));
    sandboxOf(t.server).state.wecom.tokens.expireAll();
    await sandboxOf(t.server).actions.sendWeComText({ from: 'ChenJing', text: '帮助' });
    const second = await waitForOutgoing(
      t.server,
      'wecom',
      (m) => m.viewers.includes('ChenJing') && m.type === 'markdown',
    );
    expect(textOf(second)).toContain('陈静，你好');
  });

  test('an unknown command is answered with how to get help', async () => {
    await sandboxOf(t.server).actions.sendWeComText({ from: 'SunHao', text: '今天天气怎么样' });
    const answer = await waitForOutgoing(t.server, 'wecom', (m) => m.viewers.includes('SunHao'));
    expect(textOf(answer)).toBe('没有听懂「今天天气怎么样」。发送「帮助」查看可以使用的命令。');
  });

  test('an external contact event is stored and acknowledged even though the bot has nothing to do', async () => {
    const before = await inboxCount('wecom');
    const { delivery } = await sandboxOf(t.server).actions.addExternalContact({
      user: 'ZhangWei',
      name: '王老板',
      state: 'expo2026',
    });
    expect(delivery.ok).toBe(true);
    expect(await inboxCount('wecom')).toBe(before + 1);
    const { rows } = await t.db.query(
      `select event->>'state' as state from inbox_event where kind = 'external_contact' order by id desc limit 1`,
    );
    expect(rows).toEqual([{ state: 'expo2026' }]);
  });
});

describe('DingTalk over Stream', () => {
  test('a robot message reaches the bot over the Stream connection, is ACKed, and the answer comes back', async () => {
    const { delivery } = await sandboxOf(t.server).actions.sendDingTalkText({ from: '0100102', text: '我' });
    expect(delivery).toMatchObject({ mode: 'stream', delivered: true });
    const answer = await waitForOutgoing(t.server, 'dingtalk', (m) => m.viewers.includes('0100102'));
    expect(textOf(answer)).toContain('张伟 · 销售经理');
    expect(textOf(answer)).toContain('华北销售部');
  });

  test('帮助 in a group (@客联) is answered in that group', async () => {
    const group = sandboxOf(t.server).state.org.groups.find((g) => g.name === '华东销售部群')!;
    await sandboxOf(t.server).actions.sendDingTalkText({
      from: '0100202',
      conversationId: group.dingtalk.openConversationId,
      text: '@客联 帮助',
    });
    const answer = await waitForOutgoing(
      t.server,
      'dingtalk',
      (m) => m.chat === group.dingtalk.openConversationId,
    );
    expect(textOf(answer)).toContain('孙浩，你好');
  });
});
