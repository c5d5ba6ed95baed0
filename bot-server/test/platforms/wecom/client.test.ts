import { getJsApiSignature } from '@wecom/crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WeComApiError,
  WeComConfigError,
  WeComLimitError,
  WeComTransportError,
} from '../../../src/platforms/wecom/errors.js';
import { jsSdkSignature } from '../../../src/platforms/wecom/jssdk.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { MemoryTokenStore } from './memory-token-store.js';
import { CORP, makeClient, SECRET } from './support.js';

let fake: FakeWeCom;
beforeEach(async () => {
  fake = await startFakeWeCom({ corpId: CORP, secret: SECRET });
});
afterEach(async () => {
  await fake.close();
});

const tokensUsed = (path: string) => fake.calls(path).map((r) => r.query.access_token);

describe('access token', () => {
  it('is fetched once and reused', async () => {
    const { client } = makeClient(fake);
    await client.sendText({ users: ['zhangsan'] }, '早上好');
    await client.sendText({ users: ['lisi'] }, '早上好');
    expect(fake.calls('gettoken')).toHaveLength(1);
    expect(fake.calls('gettoken')[0]?.query).toEqual({ corpid: CORP, corpsecret: SECRET });
    const [first, second] = tokensUsed('message/send');
    expect(first).toMatch(/^tok-/);
    expect(second).toBe(first);
  });

  it('is refreshed five minutes before it expires', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const now = () => clock;
    const { client } = makeClient(fake, { now });
    await client.sendText({ users: ['zhangsan'] }, 'a');
    clock += (7200 - 301) * 1000;
    await client.sendText({ users: ['zhangsan'] }, 'b');
    expect(fake.calls('gettoken')).toHaveLength(1);
    clock += 2000;
    await client.sendText({ users: ['zhangsan'] }, 'c');
    expect(fake.calls('gettoken')).toHaveLength(2);
    const used = tokensUsed('message/send');
    expect(used[2]).not.toBe(used[1]);
  });

  it.each([
    ['42001 (expired mid-flight)', () => fake.expireTokens()],
    ['40014 (invalidated)', () => fake.failNext('message/send', 40014)],
  ])('%s: renewed and the call retried once', async (_label, breakToken) => {
    const { client, lines } = makeClient(fake);
    await client.sendText({ users: ['zhangsan'] }, 'first');
    breakToken();
    const result = await client.sendText({ users: ['zhangsan'] }, 'second');
    expect(result.msgId).toMatch(/^msg-/);
    expect(fake.calls('gettoken')).toHaveLength(2);
    const used = tokensUsed('message/send');
    expect(used).toHaveLength(3);
    expect(used[2]).not.toBe(used[1]);
    expect(fake.calls('message/send')[2]?.body).toMatchObject({ text: { content: 'second' } });
    expect(lines.some((l) => l.includes('renewing'))).toBe(true);
  });

  it('a second refusal after renewal is an error, not a loop', async () => {
    const { client } = makeClient(fake);
    fake.failNext('message/send', 42001, 42001, 42001);
    const error = await client.sendText({ users: ['zhangsan'] }, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect(error).toMatchObject({ errcode: 42001, path: 'message/send' });
    expect(fake.calls('message/send')).toHaveLength(2);
    expect(fake.calls('gettoken')).toHaveLength(2);
  });

  it('two instances sharing the store fetch the token once, and renew it once after it expires', async () => {
    const store = new MemoryTokenStore();
    const a = makeClient(fake, { tokenStore: store }).client;
    const b = makeClient(fake, { tokenStore: store }).client;
    await Promise.all(
      [a, b, a, b, a, b].map((client, i) => client.sendText({ users: [`user${i}`] }, `hello ${i}`)),
    );
    expect(fake.calls('gettoken')).toHaveLength(1);
    fake.expireTokens();
    await Promise.all([a, b, a, b].map((client, i) => client.sendText({ users: [`other${i}`] }, 'again')));
    expect(fake.calls('gettoken')).toHaveLength(2);
    expect(new Set(tokensUsed('message/send').slice(-4)).size).toBe(1);
  });

  it('a wrong secret fails at gettoken without retrying', async () => {
    const { client } = makeClient(fake, { secret: 'wrong-secret-value' });
    const error = await client.sendText({ users: ['zhangsan'] }, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect(error).toMatchObject({ path: 'gettoken', errcode: 40001, errmsg: 'invalid secret' });
    expect((error as Error).message).not.toContain('wrong-secret-value');
    expect(fake.calls('gettoken')).toHaveLength(1);
    expect(fake.calls('message/send')).toHaveLength(0);
  });
});

describe('busy and throttled', () => {
  it('45009 is retried with growing delays', async () => {
    const { client } = makeClient(fake, { retry: { retries: 3, baseDelayMs: 40, maxDelayMs: 1000 } });
    await client.sendText({ users: ['zhangsan'] }, 'warm-up');
    fake.failNext('message/send', 45009, 45009);
    const result = await client.sendText({ users: ['zhangsan'] }, 'throttled');
    expect(result.msgId).toMatch(/^msg-/);
    const times = fake
      .calls('message/send')
      .slice(1)
      .map((r) => r.at);
    expect(times).toHaveLength(3);
    const [t0 = 0, t1 = 0, t2 = 0] = times;
    expect(t1 - t0).toBeGreaterThanOrEqual(18); // first delay in [20, 40] ms
    expect(t2 - t1).toBeGreaterThanOrEqual(38); // second in [40, 80] ms
  });

  it.each([[-1], [45033]])('%i is retried', async (errcode) => {
    const { client } = makeClient(fake);
    fake.failNext('message/send', errcode);
    await expect(client.sendText({ users: ['zhangsan'] }, 'x')).resolves.toMatchObject({ msgId: /^msg-/ });
    expect(fake.calls('message/send')).toHaveLength(2);
  });

  it('gives up after the bounded number of retries with the typed error', async () => {
    const { client } = makeClient(fake, { retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    fake.failNext('message/send', ...Array(10).fill(45009));
    const error = await client.sendText({ users: ['zhangsan'] }, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect(error).toMatchObject({ errcode: 45009, errmsg: 'scripted 45009', path: 'message/send' });
    expect(fake.calls('message/send')).toHaveLength(3);
  });
});

describe('errors', () => {
  it('carry errcode, errmsg and path; never the token or the secret, in errors or logs', async () => {
    const { client, lines } = makeClient(fake);
    await client.sendText({ users: ['zhangsan'] }, 'ok');
    fake.failNext('message/send', 60020);
    const error = (await client
      .sendText({ users: ['zhangsan'] }, 'x')
      .catch((e: unknown) => e)) as WeComApiError;
    expect(error).toBeInstanceOf(WeComApiError);
    expect(error).toMatchObject({ errcode: 60020, errmsg: 'scripted 60020', path: 'message/send' });
    const token = tokensUsed('message/send')[0] ?? '';
    const everything = [error.message, JSON.stringify(error), error.stack ?? '', ...lines].join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(SECRET);
    expect(lines.some((l) => l.includes('"errcode":60020'))).toBe(true);
  });

  it('a non-JSON HTTP failure is a transport error with its status', async () => {
    const { client } = makeClient(fake);
    fake.breakNext('message/send', 502);
    const error = await client.sendText({ users: ['zhangsan'] }, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComTransportError);
    expect(error).toMatchObject({ path: 'message/send', httpStatus: 502 });
  });

  it('an unreachable server is a transport error', async () => {
    const { client } = makeClient(fake);
    await fake.close();
    const error = await client.sendText({ users: ['zhangsan'] }, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComTransportError);
    expect((error as Error).message).not.toContain(SECRET);
    fake = await startFakeWeCom({ corpId: CORP, secret: SECRET });
  });
});

describe('calls', () => {
  const card = {
    card_type: 'button_interaction',
    main_title: { title: '新销售线索待分配' },
    task_id: 'lead-123-assign-1700000000',
    button_list: [
      { text: '认领', style: 1, key: 'lead:123:claim' },
      { type: 1, text: '在CRM中打开', url: 'https://crm.example.com/leads/123' },
    ],
  };

  it('message/send: text, markdown and template_card with recipients and agentid', async () => {
    const { client } = makeClient(fake);
    const text = await client.sendText({ users: ['zhangsan', 'ghost1'], parties: ['2'] }, '你好');
    expect(text.invalidUsers).toEqual(['ghost1']);
    await client.sendMarkdown({ tags: ['7'] }, '**今日待办** 3 项');
    const sent = await client.sendTemplateCard({ users: ['zhangsan', 'lisi'] }, card);
    expect(sent.responseCode).toMatch(/^rc-/);
    expect(fake.calls('message/send').map((r) => r.body)).toEqual([
      {
        touser: 'zhangsan|ghost1',
        toparty: '2',
        agentid: 1000002,
        msgtype: 'text',
        text: { content: '你好' },
      },
      { totag: '7', agentid: 1000002, msgtype: 'markdown', markdown: { content: '**今日待办** 3 项' } },
      { touser: 'zhangsan|lisi', agentid: 1000002, msgtype: 'template_card', template_card: card },
    ]);
  });

  it('message/update_template_card consumes the response code', async () => {
    const { client } = makeClient(fake);
    const { responseCode = '' } = await client.sendTemplateCard({ users: ['zhangsan'] }, card);
    await client.updateTemplateCard({ responseCode, everyone: true, replaceName: '已认领' });
    expect(fake.calls('message/update_template_card')[0]?.body).toEqual({
      userids: [],
      partyids: [],
      tagids: [],
      atall: 1,
      agentid: 1000002,
      response_code: responseCode,
      button: { replace_name: '已认领' },
    });
    const again = await client
      .updateTemplateCard({ responseCode, userIds: ['zhangsan'], card: { ...card, button_list: [] } })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WeComLimitError);
    const reused = await client
      .updateTemplateCard({ responseCode, userIds: ['zhangsan'], card })
      .catch((e: unknown) => e);
    expect(reused).toMatchObject({ errcode: 40058 });
  });

  it('appchat create and send', async () => {
    const { client } = makeClient(fake);
    const chatId = await client.createAppChat({
      name: '华东大客户群',
      owner: 'zhangsan',
      userIds: ['zhangsan', 'lisi'],
    });
    await client.sendAppChatText(chatId, '大家好');
    await client.sendAppChatMarkdown(chatId, '# 周报');
    expect(fake.calls('appchat/create')[0]?.body).toEqual({
      name: '华东大客户群',
      owner: 'zhangsan',
      userlist: ['zhangsan', 'lisi'],
    });
    expect(fake.calls('appchat/send').map((r) => r.body)).toEqual([
      { chatid: chatId, safe: 0, msgtype: 'text', text: { content: '大家好' } },
      { chatid: chatId, safe: 0, msgtype: 'markdown', markdown: { content: '# 周报' } },
    ]);
  });

  it('group robot webhook: no access token, key kept out of the logs', async () => {
    const { client, lines } = makeClient(fake);
    const url = `${fake.url}/cgi-bin/webhook/send?key=robot-key-secret-123`;
    await client.sendWebhook(url, {
      msgtype: 'text',
      text: { content: '日报已生成', mentioned_list: ['@all'] },
    });
    const [call] = fake.calls('webhook/send');
    expect(call?.query).toEqual({ key: 'robot-key-secret-123' });
    expect(call?.body).toEqual({
      msgtype: 'text',
      text: { content: '日报已生成', mentioned_list: ['@all'] },
    });
    expect(fake.calls('gettoken')).toHaveLength(0);
    expect(lines.join('\n')).not.toContain('robot-key-secret-123');
    await expect(
      client.sendWebhook(`${fake.url}/cgi-bin/webhook/send`, {
        msgtype: 'markdown',
        markdown: { content: 'x' },
      }),
    ).rejects.toThrow(WeComConfigError);
    await expect(client.sendWebhook(url, { msgtype: 'template_card', template_card: card })).rejects.toThrow(
      WeComLimitError,
    );
  });

  it('user/list and department/list', async () => {
    const { client } = makeClient(fake);
    expect(await client.listUsers(2, { fetchChild: true })).toEqual([
      { userid: 'zhangsan', name: '张三', department: [2], mobile: '13800000000' },
    ]);
    expect(fake.calls('user/list')[0]?.query).toMatchObject({ department_id: '2', fetch_child: '1' });
    expect((await client.listDepartments()).map((d) => d.name)).toEqual(['客联科技', '华东销售部']);
    expect(fake.calls('department/list')[0]?.query).not.toHaveProperty('id');
  });

  it('externalcontact/get follows next_cursor', async () => {
    const { client } = makeClient(fake);
    const detail = await client.getExternalContact('wmEXT1');
    expect(detail.external_contact).toMatchObject({ external_userid: 'wmEXT1', name: '李客户' });
    expect(detail.follow_user.map((f) => f.userid)).toEqual(['zhangsan', 'lisi']);
    expect(fake.calls('externalcontact/get').map((r) => r.query.cursor)).toEqual([undefined, 'page2']);
  });

  it('externalcontact/batch/get_by_user pages by cursor, 100 members per request', async () => {
    const { client } = makeClient(fake);
    const users = Array.from({ length: 150 }, (_, i) => `u${i}`);
    const seen: string[] = [];
    for await (const item of client.externalContactsByUser(users))
      seen.push(item.external_contact.external_userid);
    expect(seen).toHaveLength(300);
    const calls = fake.calls('externalcontact/batch/get_by_user').map((r) => r.body);
    expect(calls.map((b) => [(b?.userid_list as string[] | undefined)?.length, b?.cursor, b?.limit])).toEqual(
      [
        [100, '', 100],
        [100, 'next', 100],
        [50, '', 100],
        [50, 'next', 100],
      ],
    );
  });

  it('corp tags: list, add, mark', async () => {
    const { client } = makeClient(fake);
    expect(await client.getCorpTags()).toEqual([
      { group_id: 'g1', group_name: '客户等级', tag: [{ id: 'et1', name: 'A' }] },
    ]);
    const group = await client.addCorpTags({ groupName: '来源', tags: [{ name: '展会' }, { name: '官网' }] });
    expect(group.tag.map((t) => t.name)).toEqual(['展会', '官网']);
    await client.markTags({ userId: 'zhangsan', externalUserId: 'wmEXT1', add: ['et1'] });
    expect(fake.calls('externalcontact/mark_tag')[0]?.body).toEqual({
      userid: 'zhangsan',
      external_userid: 'wmEXT1',
      add_tag: ['et1'],
      remove_tag: [],
    });
  });

  it('auth/getuserinfo: member, visitor, bad code', async () => {
    const { client } = makeClient(fake);
    expect(await client.getUserInfo('member-code')).toEqual({ userId: 'zhangsan' });
    expect(await client.getUserInfo('visitor-code')).toEqual({ openId: 'oABC', externalUserId: 'wmEXT' });
    await expect(client.getUserInfo('used-code')).rejects.toMatchObject({ errcode: 40029 });
  });

  it('miniprogram/jscode2session', async () => {
    const { client, lines } = makeClient(fake);
    expect(await client.jscode2session('js-code')).toEqual({
      corpId: CORP,
      userId: 'zhangsan',
      sessionKey: 'sk-secret',
    });
    expect(fake.calls('miniprogram/jscode2session')[0]?.query).toMatchObject({
      js_code: 'js-code',
      grant_type: 'authorization_code',
    });
    expect(lines.join('\n')).not.toContain('sk-secret');
  });

  it('JS-SDK: corp and agent tickets cached under distinct keys, signatures verifiable', async () => {
    const { client, store } = makeClient(fake);
    const url = 'https://crm.example.com/app/leads?id=1#/detail';
    const corp1 = await client.jsSdkConfigSignature(url);
    const corp2 = await client.jsSdkConfigSignature(url);
    const agent = await client.agentConfigSignature(url);
    expect(fake.calls('get_jsapi_ticket')).toHaveLength(1);
    expect(fake.calls('ticket/get')).toHaveLength(1);
    expect(fake.calls('ticket/get')[0]?.query.type).toBe('agent_config');
    expect([...store.tokens.keys()].sort()).toEqual([
      `wecom:${CORP}:1000002:access_token`,
      `wecom:${CORP}:1000002:agent_config_ticket`,
      `wecom:${CORP}:1000002:jsapi_ticket`,
    ]);
    const corpTicket = store.tokens.get(`wecom:${CORP}:1000002:jsapi_ticket`)?.value ?? '';
    const agentTicket = store.tokens.get(`wecom:${CORP}:1000002:agent_config_ticket`)?.value ?? '';
    for (const [signed, ticket] of [
      [corp1, corpTicket],
      [corp2, corpTicket],
      [agent, agentTicket],
    ] as const) {
      const peer = getJsApiSignature({
        url: 'https://crm.example.com/app/leads?id=1',
        ticket,
        nonceStr: signed.nonceStr,
        timestamp: signed.timestamp,
      });
      expect(signed.signature).toBe(peer.signature);
      expect(signed.signature).toBe(jsSdkSignature(ticket, signed.nonceStr, signed.timestamp, url));
    }
    expect(corp1.nonceStr).not.toBe(corp2.nonceStr);
  });
});

describe('documented limits, enforced before sending', () => {
  it('breaches are refused without a request', async () => {
    const { client } = makeClient(fake);
    const sevenButtons = {
      card_type: 'button_interaction',
      task_id: 'lead-1',
      main_title: { title: 't' },
      button_list: Array.from({ length: 7 }, (_, i) => ({ text: `b${i}`, key: `k${i}` })),
    };
    await expect(client.sendTemplateCard({ users: ['zhangsan'] }, sevenButtons)).rejects.toThrow(
      WeComLimitError,
    );
    await expect(client.sendText({ users: ['zhangsan'] }, '中'.repeat(683))).rejects.toThrow(WeComLimitError);
    await expect(
      client.sendText({ users: Array.from({ length: 1001 }, (_, i) => `u${i}`) }, 'hi'),
    ).rejects.toThrow(WeComLimitError);
    await expect(client.createAppChat({ name: 'solo', userIds: ['zhangsan'] })).rejects.toThrow(
      WeComLimitError,
    );
    expect(fake.requests).toHaveLength(0);
    await expect(client.sendText({ users: ['zhangsan'] }, '中'.repeat(682))).resolves.toBeDefined();
  });
});
