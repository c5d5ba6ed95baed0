// WeCom retries a callback it thinks went unanswered (three times, each sealed anew): 500 messages
// typed to the bot, each delivered three times (two copies racing each other, one late, after the
// first was handled), come out as 500 stored events and 500 answers, each to the person who wrote.
import { describe, expect, test } from 'vitest';
import { useTestServer } from '../support/fixture.js';
import { runJob } from '../support/jobs.js';
import { sandboxOf, textOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';
import { corpId, postCallback, sealedCallback } from '../support/wecom-callback.js';
import { droppedOf, inParallel, outgoing } from './support.js';

const t = useTestServer();

// Fifty people write ten messages each: ten answers a minute per member is well inside WeCom's 30,
// so all 500 answers go out at once instead of being spread over minutes by the rate gate.
const senderCount = 50;
const perSender = 10;
const senders = Array.from({ length: senderCount }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { userid: `Relay${n}`, name: `接力${n}`, mobile: `139000100${n}` };
});

interface Typed {
  from: string;
  text: string;
  xml: string;
}

/** A text message exactly as WeCom sends it; WeCom's MsgId is unique per message. */
function textXml(from: string, text: string, msgId: string, createTime: number): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

// Every other message is 我 (the answer names the person it is about); the others are a word the
// bot does not know, which it quotes back, so each of those answers belongs to one message.
const createTime = Math.floor(Date.now() / 1000);
const typed: Typed[] = senders.flatMap((s, i) =>
  Array.from({ length: perSender }, (_, k) => {
    const n = i * perSender + k;
    const text = k % 2 === 0 ? '我' : `回执 ${s.userid} #${String(n).padStart(3, '0')}`;
    return {
      from: s.userid,
      text,
      xml: textXml(s.userid, text, `7${String(n).padStart(18, '0')}`, createTime),
    };
  }),
);

const unknownAnswer = (text: string) => `没有听懂「${text}」。发送「帮助」查看可以使用的命令。`;

describe('WeCom redelivers every callback three times', () => {
  test('fifty new colleagues join the corp and are synced into Kelian', async () => {
    const { org } = sandboxOf(t.server).state;
    org.addDepartment({ key: 'relay', name: '接力服务部', parentKey: 'root' });
    for (const s of senders) {
      org.addPerson({
        ...s,
        title: '客服专员',
        departmentKey: 'relay',
        wecomUserId: s.userid,
        dingtalkUserId: `09${s.mobile.slice(-6)}`,
      });
    }
    await runJob(t.server, t.db, 'org.sync-full', { platform: 'wecom' });
    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from app_user where wecom_user_id like 'Relay%' and active`,
    );
    expect(rows[0]!.n).toBe(senderCount);
  });

  test('1,500 deliveries of 500 messages: every one answered 200, 500 events stored, 500 answers, each to its sender', {
    timeout: 240_000,
  }, async () => {
    const started = Date.now();
    const deliver = async (message: Typed) => {
      // Each delivery is sealed anew (its own nonce, timestamp and ciphertext), as WeCom's retries are.
      const res = await postCallback(sealedCallback(t.server.url, message.xml));
      return { status: res.status, body: await res.text() };
    };
    // Two deliveries of each message side by side (a retry racing the first), then every message a
    // third time, after most of them were handled.
    const first = await inParallel(
      typed.flatMap((m) => [m, m]),
      24,
      deliver,
    );
    const late = await inParallel(typed, 24, deliver);
    const posted = Date.now() - started;
    const answers = [...first, ...late];
    expect(answers).toHaveLength(1500);
    expect(answers.filter((a) => a.status !== 200 || a.body !== '')).toEqual([]);

    const { rows } = await t.db.query<{ n: number }>(
      `select count(*)::int as n from inbox_event where platform = 'wecom' and kind = 'text'`,
    );
    expect(rows[0]!.n).toBe(500);

    const ours = new Set(senders.map((s) => s.userid));
    const answered = () => outgoing(t.server, 'wecom').filter((m) => m.viewers.some((v) => ours.has(v)));
    await waitFor(
      async () => (answered().length >= 500 ? true : undefined),
      120_000,
      '500 answers in the senders’ chats',
    );
    // Nothing still queued or due that could bring a 501st answer.
    await waitFor(
      async () => {
        const { rows } = await t.db.query<{ n: number }>(
          `select ((select count(*) from inbox_event where processed_at is null)
                + (select count(*) from outbound_message where state in ('pending', 'sending')))::int as n`,
        );
        return rows[0]!.n === 0 ? true : undefined;
      },
      30_000,
      'every event handled and every answer sent',
    );
    console.info(
      `redelivery: 1,500 deliveries in ${posted} ms, 500 answers after ${Date.now() - started} ms`,
    );

    const all = answered();
    expect(all).toHaveLength(500);
    expect(droppedOf(outgoing(t.server, 'wecom'))).toEqual([]);
    for (const m of all) expect(m.viewers).toHaveLength(1);

    for (const s of senders) {
      const theirs = all.filter((m) => m.viewers[0] === s.userid).map(textOf);
      const expected = typed
        .filter((m) => m.from === s.userid)
        .map((m) =>
          m.text === '我'
            ? `${s.name} · 客服专员\n部门：接力服务部\n角色：暂无角色，请联系管理员分配`
            : unknownAnswer(m.text),
        );
      expect(theirs.sort(), `the answers in ${s.name}'s chat`).toEqual(expected.sort());
    }
  });
});
