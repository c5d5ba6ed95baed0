import { describe, expect, test } from 'vitest';
import { useTestServer } from './support/fixture.js';
import { sandboxOf, textOf, waitForOutgoing } from './support/sandbox.js';

const t = useTestServer({ DINGTALK_MODE: 'http' });
const inboxSize = async () =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from inbox_event')).rows[0]!.n;

describe('DingTalk HTTP mode', () => {
  test('a signed robot message is answered', async () => {
    const { delivery } = await sandboxOf(t.server).actions.sendDingTalkText({ from: '0100302', text: '我' });
    expect(delivery).toMatchObject({ mode: 'http', delivered: true, status: 200 });
    const answer = await waitForOutgoing(t.server, 'dingtalk', (m) => m.viewers.includes('0100302'));
    expect(textOf(answer)).toContain('华南销售部');
  });

  test('an encrypted subscription event is stored and answered with the encrypted success', async () => {
    const before = await inboxSize();
    const { delivery } = await sandboxOf(t.server).actions.emitDingTalkEvent({
      eventType: 'user_add_org',
      data: { UserId: ['0109999'] },
    });
    expect(delivery).toMatchObject({ delivered: true });
    expect(await inboxSize()).toBe(before + 1);
    const { rows } = await t.db.query(
      `select kind, event->>'id' as "orgId" from inbox_event order by inbox_event.id desc limit 1`,
    );
    expect(rows).toEqual([{ kind: 'org_change', orgId: '0109999' }]);
  });

  test('forged, stale and malformed requests are refused and store nothing', async () => {
    const before = await inboxSize();
    const now = String(Date.now());
    const forgedRobot = await fetch(`${t.server.url}/dingtalk/robot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp: now, sign: 'Zm9yZ2VkIHNpZ25hdHVyZQ==' },
      body: JSON.stringify({
        msgtype: 'text',
        text: { content: '我' },
        senderStaffId: '0100302',
        msgId: 'x1',
      }),
    });
    expect(forgedRobot.status).toBe(401);
    const staleEvent = await fetch(
      `${t.server.url}/dingtalk/events?signature=${'0'.repeat(40)}&timestamp=1500000000000&nonce=abc`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypt: 'AAAA' }),
      },
    );
    expect(staleEvent.status).toBe(401);
    const malformed = await fetch(`${t.server.url}/dingtalk/events?signature=x&timestamp=${now}&nonce=abc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"encrypt": 5}',
    });
    expect(malformed.status).toBe(400);
    expect(await inboxSize()).toBe(before);
    expect((await fetch(`${t.server.url}/readyz`)).status).toBe(200);
  });
});
