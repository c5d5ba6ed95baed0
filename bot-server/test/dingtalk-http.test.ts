// DingTalk in HTTP mode (DINGTALK_MODE=http): robot messages and subscription events arrive as signed
// HTTP requests from the sandbox, exactly as DingTalk sends them.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { resetDatabase } from '../../orm/testing/reset.js';
import { sandboxOf, textOf, waitForOutgoing } from './support/sandbox.js';
import { type RunningServer, startTestServer } from './support/server.js';

let server: RunningServer;
let db: pg.Pool;
beforeAll(async () => {
  await resetDatabase(inject('dbUrl'));
  server = await startTestServer({ DINGTALK_MODE: 'http' });
  db = new pg.Pool({ connectionString: inject('dbUrl'), max: 1 });
});
afterAll(async () => {
  await server.stop();
  await db.end();
});
const inboxSize = async () =>
  (await db.query<{ n: number }>('select count(*)::int as n from inbox_event')).rows[0]!.n;

describe('DingTalk HTTP mode', () => {
  test('a signed robot message is answered', async () => {
    const { delivery } = await sandboxOf(server).actions.sendDingTalkText({ from: '0100302', text: '我' });
    expect(delivery).toMatchObject({ mode: 'http', delivered: true, status: 200 });
    const answer = await waitForOutgoing(server, 'dingtalk', (m) => m.viewers.includes('0100302'));
    expect(textOf(answer)).toContain('华南销售部');
  });

  test('an encrypted subscription event is stored and answered with the encrypted success', async () => {
    const before = await inboxSize();
    const { delivery } = await sandboxOf(server).actions.emitDingTalkEvent({
      eventType: 'user_add_org',
      data: { UserId: ['0109999'] },
    });
    expect(delivery).toMatchObject({ delivered: true });
    expect(await inboxSize()).toBe(before + 1);
    const { rows } = await db.query(
      `select kind, event->>'id' as "orgId" from inbox_event order by inbox_event.id desc limit 1`,
    );
    expect(rows).toEqual([{ kind: 'org_change', orgId: '0109999' }]);
  });

  test('forged, stale and malformed requests are refused and store nothing', async () => {
    const before = await inboxSize();
    const now = String(Date.now());
    const forgedRobot = await fetch(`${server.url}/dingtalk/robot`, {
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
      `${server.url}/dingtalk/events?signature=${'0'.repeat(40)}&timestamp=1500000000000&nonce=abc`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypt: 'AAAA' }),
      },
    );
    expect(staleEvent.status).toBe(401);
    const malformed = await fetch(`${server.url}/dingtalk/events?signature=x&timestamp=${now}&nonce=abc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"encrypt": 5}',
    });
    expect(malformed.status).toBe(400);
    expect(await inboxSize()).toBe(before);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
