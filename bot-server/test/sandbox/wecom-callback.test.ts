import { createHash } from 'node:crypto';
import { sandboxWeCom } from '@kelian/config';
import Router from '@koa/router';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, type SandboxServer, startSandboxServer } from './support/sandbox-server.js';

// A tiny stand-in for Kelian's /wecom/callback: it checks the signature and decrypts with
// @wecom/crypto, keeps what it received, and answers as told.

interface Received {
  query: Record<string, string>;
  raw: string;
  envelope: Record<string, string>;
  message: Record<string, unknown>;
  plaintext: string;
}

const parser = new XMLParser({ parseTagValue: false, processEntities: false });
let received: Received[];
let answer: (message: Record<string, unknown>) => { status: number; body: string };
let s: SandboxServer;

const receiver = new Router().post('/wecom/callback', (ctx) => {
  const raw = ctx.request.rawBody;
  const query = ctx.query as Record<string, string>;
  const envelope = parser.parse(raw).xml as Record<string, string>;
  const expected = createHash('sha1')
    .update([sandboxWeCom.token, query.timestamp, query.nonce, envelope.Encrypt].sort().join(''))
    .digest('hex');
  if (query.msg_signature !== expected) {
    ctx.status = 401;
    return;
  }
  const { message: plaintext, id } = decrypt(sandboxWeCom.encodingAesKey, String(envelope.Encrypt));
  if (id !== sandboxWeCom.corpId) {
    ctx.status = 401;
    return;
  }
  const message = parser.parse(plaintext).xml as Record<string, unknown>;
  received.push({ query, raw, envelope, message, plaintext });
  const out = answer(message);
  ctx.status = out.status;
  ctx.body = out.body;
});

/** An encrypted passive reply, as Kelian would write it (reference §1.5). */
function passiveReply(xml: string): string {
  const enc = encrypt(sandboxWeCom.encodingAesKey, xml, sandboxWeCom.corpId);
  const ts = '1700000000';
  const nonce = 'n1';
  return `<xml><Encrypt><![CDATA[${enc}]]></Encrypt><MsgSignature><![CDATA[${getSignature(sandboxWeCom.token, ts, nonce, enc)}]]></MsgSignature><TimeStamp>${ts}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
}

beforeEach(async () => {
  received = [];
  answer = () => ({ status: 200, body: '' });
  s = await startSandboxServer({}, [receiver]);
});
afterEach(() => s.stop());

describe('sendWeComText', () => {
  test('POSTs the encrypted, signed text callback WeCom would send', async () => {
    const { message, delivery } = await s.sandbox.actions.sendWeComText({
      from: 'ZhangWei',
      text: '帮助 <客户>',
    });
    expect(delivery?.ok).toBe(true);
    expect(delivery?.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 200, ok: true })]);
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got?.envelope).toMatchObject({ ToUserName: sandboxWeCom.corpId, AgentID: sandboxWeCom.agentId });
    expect(got?.message).toMatchObject({
      ToUserName: sandboxWeCom.corpId,
      FromUserName: 'ZhangWei',
      MsgType: 'text',
      Content: '帮助 <客户>',
      AgentID: '1000002',
    });
    expect(String(got?.message.MsgId)).toMatch(/^\d{19,}$/);
    expect(BigInt(String(got?.message.MsgId))).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(Math.abs(Number(got?.message.CreateTime) - Date.now() / 1000)).toBeLessThan(5);
    // The plaintext follows WeCom's own layout: CDATA strings, bare numbers, one element a line.
    expect(got?.plaintext).toMatch(
      /^<xml><ToUserName><!\[CDATA\[wwkeliansandbox001\]\]><\/ToUserName>\n<FromUserName>/,
    );
    expect(got?.plaintext).toContain('<Content><![CDATA[帮助 <客户>]]></Content>');
    expect(got?.plaintext).toMatch(/<MsgId>\d+<\/MsgId>\n<AgentID>1000002<\/AgentID>\n<\/xml>$/);
    expect(message.delivery).toBe(delivery);
    const listed = await call(`${s.url}/sandbox/api/messages?platform=wecom&user=ZhangWei`);
    expect(listed.body.messages).toEqual([
      expect.objectContaining({ direction: 'in', content: { content: '帮助 <客户>' } }),
    ]);
  });

  test('retry re-sends the very same request, as WeCom does when it missed the answer', async () => {
    const { delivery } = await s.sandbox.actions.sendWeComText({
      from: 'LiuYang',
      text: '客户 华为',
      retry: 2,
    });
    expect(delivery?.attempts).toHaveLength(3);
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.raw)).size).toBe(1);
    expect(new Set(received.map((r) => JSON.stringify(r.query))).size).toBe(1);
  });

  test('a non-200 answer is a failed delivery, retried three times', async () => {
    answer = () => ({ status: 500, body: 'oops' });
    const { delivery } = await s.sandbox.actions.sendWeComText({ from: 'LiuYang', text: '你好' });
    expect(delivery?.ok).toBe(false);
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500]);
  });

  test('a passive text reply shows to the sender; a forged one is not shown', async () => {
    answer = (m) => ({
      status: 200,
      body: passiveReply(
        `<xml><ToUserName><![CDATA[${String(m.FromUserName)}]]></ToUserName><FromUserName><![CDATA[${sandboxWeCom.corpId}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到]]></Content></xml>`,
      ),
    });
    await s.sandbox.actions.sendWeComText({ from: 'ZhangWei', text: '你好' });
    answer = () => ({
      status: 200,
      body: passiveReply('<xml><MsgType>text</MsgType><Content>伪造</Content></xml>').replace(
        /[0-9a-f]{40}/,
        'f'.repeat(40),
      ),
    });
    const forged = await s.sandbox.actions.sendWeComText({ from: 'ZhangWei', text: '再来' });
    expect(forged.delivery?.reply).toEqual({ ok: false, problem: 'MsgSignature does not match' });
    const listed = (await call(`${s.url}/sandbox/api/messages?platform=wecom&user=ZhangWei`)).body
      .messages as { direction: string; content: unknown }[];
    expect(listed.map((m) => [m.direction, m.content])).toEqual([
      ['in', { content: '你好' }],
      ['out', { content: '收到' }],
      ['in', { content: '再来' }],
    ]);
  });

  test('in a group chat the message is shown to the members but no callback is made', async () => {
    const group = [...s.sandbox.state.wecom.appchats.values()].find((c) => c.name === '华东销售部群');
    const { message, delivery } = await s.sandbox.actions.sendWeComText({
      from: 'SunHao',
      chatId: group?.chatid ?? '',
      text: '大家好',
    });
    expect(delivery).toBeUndefined();
    expect(received).toHaveLength(0);
    expect(message.viewers).toContain('ZhaoMin');
    await expect(
      s.sandbox.actions.sendWeComText({ from: 'ZhangWei', chatId: group?.chatid ?? '', text: 'x' }),
    ).rejects.toThrow('你不在这个群聊中');
  });
});

describe('clickWeComCard', () => {
  const sendCard = async () => {
    const { body } = await call(
      `${s.url}/sandbox/wecom/cgi-bin/gettoken?corpid=${sandboxWeCom.corpId}&corpsecret=${sandboxWeCom.secret}`,
    );
    const t = String(body.access_token);
    const sent = await call(`${s.url}/sandbox/wecom/cgi-bin/message/send?access_token=${t}`, {
      body: {
        touser: 'ZhangWei|LiuYang',
        agentid: 1000002,
        msgtype: 'template_card',
        template_card: {
          card_type: 'button_interaction',
          main_title: { title: '新线索' },
          task_id: 'lead-7-assign',
          button_selection: {
            question_key: 'priority',
            option_list: [
              { id: 'p1', text: '高' },
              { id: 'p2', text: '普通' },
            ],
            selected_id: 'p2',
          },
          button_list: [
            { text: '认领', key: 'lead:7:claim' },
            { text: '打开', type: 1, url: 'https://crm.example.com' },
          ],
        },
      },
    });
    return { token: t, responseCode: String(sent.body.response_code) };
  };

  test('sends template_card_event with a fresh ResponseCode that updates the cards once', async () => {
    const { token } = await sendCard();
    const click = await s.sandbox.actions.clickWeComCard({
      user: 'LiuYang',
      taskId: 'lead-7-assign',
      key: 'lead:7:claim',
    });
    expect(click.delivery.ok).toBe(true);
    const [got] = received;
    expect(got?.message).toMatchObject({
      FromUserName: 'LiuYang',
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: 'lead:7:claim',
      TaskId: 'lead-7-assign',
      CardType: 'button_interaction',
      ResponseCode: click.responseCode,
      AgentID: '1000002',
      SelectedItems: { SelectedItem: { QuestionKey: 'priority', OptionIds: { OptionId: 'p2' } } },
    });
    const update = () =>
      call(`${s.url}/sandbox/wecom/cgi-bin/message/update_template_card?access_token=${token}`, {
        body: {
          agentid: 1000002,
          atall: 1,
          response_code: click.responseCode,
          button: { replace_name: '刘洋已认领' },
        },
      });
    expect((await update()).body.errcode).toBe(0);
    expect((await update()).body.errcode).toBe(42022);
    expect(s.sandbox.state.wecom.cards.copy('lead-7-assign', 'ZhangWei')?.disabled).toBe('刘洋已认领');
    await expect(
      s.sandbox.actions.clickWeComCard({ user: 'ZhangWei', taskId: 'lead-7-assign', key: 'lead:7:claim' }),
    ).rejects.toThrow('卡片按钮已失效');
  });

  test('a passive update_button changes the clicker’s copy only', async () => {
    await sendCard();
    answer = (m) => ({
      status: 200,
      body: passiveReply(
        `<xml><ToUserName><![CDATA[${String(m.FromUserName)}]]></ToUserName><FromUserName><![CDATA[${sandboxWeCom.corpId}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[update_button]]></MsgType><Button><ReplaceName><![CDATA[处理中]]></ReplaceName></Button></xml>`,
      ),
    });
    const click = await s.sandbox.actions.clickWeComCard({
      user: 'ZhangWei',
      taskId: 'lead-7-assign',
      key: 'lead:7:claim',
      selected: { priority: ['p1'] },
    });
    expect(received[0]?.message.SelectedItems).toEqual({
      SelectedItem: { QuestionKey: 'priority', OptionIds: { OptionId: 'p1' } },
    });
    expect(click.view?.disabled).toBe('处理中');
    expect(s.sandbox.state.wecom.cards.copy('lead-7-assign', 'LiuYang')?.disabled).toBeUndefined();
  });

  test('a key that is not on the card, or a link button, is refused', async () => {
    await sendCard();
    await expect(
      s.sandbox.actions.clickWeComCard({ user: 'ZhangWei', taskId: 'lead-7-assign', key: 'nope' }),
    ).rejects.toThrow('卡片上没有这个按钮');
    await expect(
      s.sandbox.actions.clickWeComCard({ user: 'ChenJing', taskId: 'lead-7-assign', key: 'lead:7:claim' }),
    ).rejects.toThrow('你没有收到这张卡片');
    const res = await call(`${s.url}/sandbox/api/wecom/click`, {
      body: { user: 'ChenJing', taskId: 'lead-7-assign', key: 'lead:7:claim' },
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      title: '你没有收到这张卡片',
      type: 'urn:kelian:problem:sandbox-card-not-found',
    });
    expect(received).toHaveLength(0);
  });
});

describe('addExternalContact', () => {
  test('sends change_external_contact from sys, without an AgentID, and the customer exists afterwards', async () => {
    const { contact, delivery } = await s.sandbox.actions.addExternalContact({
      user: 'ZhouJie',
      name: '赵总',
      state: 'expo2026',
    });
    expect(delivery.ok).toBe(true);
    expect(received[0]?.envelope.AgentID).toBe('');
    expect(received[0]?.message).toMatchObject({
      FromUserName: 'sys',
      MsgType: 'event',
      Event: 'change_external_contact',
      ChangeType: 'add_external_contact',
      UserID: 'ZhouJie',
      ExternalUserID: contact.external_userid,
      State: 'expo2026',
    });
    expect(received[0]?.message.AgentID).toBeUndefined();
    expect(String(received[0]?.message.WelcomeCode).length).toBeGreaterThan(10);
    expect(s.sandbox.state.wecom.customers.followedBy('ZhouJie').map((c) => c.name)).toEqual(['赵总']);
  });
});
