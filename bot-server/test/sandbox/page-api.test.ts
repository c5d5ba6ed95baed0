// The /sandbox chat page as a person uses it: times on the clocks of the company (TZ_DISPLAY,
// Asia/Shanghai by default), and a wrong request answered in Chinese, one problem per field.
import { describe, expect, test } from 'vitest';
import { useTestServer } from '../support/fixture.js';
import { sandboxOf } from '../support/sandbox.js';

const t = useTestServer();

const page = (path: string, body?: unknown) =>
  fetch(`${t.server.url}/sandbox/page/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

const beijingClock = (at: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));

describe('the sandbox chat page', () => {
  test('a message shows the time in Beijing, as the apps do', async () => {
    const sent = await page('/send', { platform: 'wecom', user: 'ZhangWei', chat: 'bot', text: '帮助' });
    expect(sent.status).toBe(204);
    const mine = sandboxOf(t.server)
      .state.messages.list({ platform: 'wecom', user: 'ZhangWei' })
      .findLast((m) => m.direction === 'in');
    const timeline = await page(`/timeline?platform=wecom&user=ZhangWei&chat=bot&after=${mine!.seq - 1}`);
    const { messages } = (await timeline.json()) as { messages: { seq: number; html: string }[] };
    const html = messages.find((m) => m.seq === mine!.seq)!.html;
    expect(html).toContain(`<div class="meta">张伟 · ${beijingClock(mine!.at)}</div>`);
  });

  test('wrong requests are answered in Chinese, each wrong field once', async () => {
    const answers = await Promise.all([
      page('/people?platform=qq'),
      page('/chats?platform=wecom'),
      page('/timeline?platform=wecom&user=ZhangWei&chat=bot&after=-1'),
      page('/cards?platform=wecom&user=ZhangWei&seqs=a'),
      page('/send', { platform: 'wecom', user: 'ZhangWei', chat: 'bot', text: ' ' }),
      page('/click', { platform: 'wecom', user: 'ZhangWei', seq: 'abc', key: 'claim' }),
      page('/click', {}),
    ]);
    const problems = [];
    for (const res of answers) {
      expect(res.status).toBe(400);
      const body = (await res.json()) as { title: string; errors: { field: string; message: string }[] };
      expect(body.title).toBe('请求内容有误，请检查标出的字段');
      problems.push(...body.errors);
    }
    expect(problems.map((p) => p.field)).toEqual([
      'platform',
      'user',
      'after',
      'seqs',
      'text',
      'seq',
      'platform',
      'user',
      'seq',
      'key',
    ]);
    for (const { message } of problems) expect(message).toMatch(/^[^A-Z]*[\u4e00-\u9fff]/);
    expect(problems[0]!.message).toBe('platform 只能是 wecom（企业微信）或 dingtalk（钉钉）');
  });

  test('a card number far out of range is one problem, not two', async () => {
    const res = await page('/click', { platform: 'wecom', user: 'ZhangWei', seq: -1e300, key: 'claim' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'seq', message: 'seq 应为消息编号（正整数）' },
    ]);
  });
});
