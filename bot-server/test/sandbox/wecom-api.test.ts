import { sandboxWeCom } from '@kelian/config';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, type SandboxServer, startSandboxServer } from './support/sandbox-server.js';

let s: SandboxServer;
let base: string;
beforeEach(async () => {
  s = await startSandboxServer();
  base = `${s.url}/sandbox/wecom/cgi-bin`;
});
afterEach(() => s.stop());

const token = async () => {
  const { body } = await call(
    `${base}/gettoken?corpid=${sandboxWeCom.corpId}&corpsecret=${sandboxWeCom.secret}`,
  );
  return String(body.access_token);
};
const send = async (accessToken: string, message: Record<string, unknown>) =>
  (await call(`${base}/message/send?access_token=${accessToken}`, { body: { agentid: 1000002, ...message } }))
    .body;

const buttonCard = (taskId: string, extra: Record<string, unknown> = {}) => ({
  card_type: 'button_interaction',
  main_title: { title: '新销售线索待分配' },
  task_id: taskId,
  button_list: [
    { text: '认领', style: 1, key: 'lead:123:claim' },
    { text: '转派', style: 2, key: 'lead:123:reassign' },
  ],
  ...extra,
});

describe('gettoken and the access token', () => {
  test('the configured corp id and secret get a 7200 s token; others get 40013 / 40001', async () => {
    const ok = await call(`${base}/gettoken?corpid=${sandboxWeCom.corpId}&corpsecret=${sandboxWeCom.secret}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(String(ok.body.access_token).length).toBeGreaterThanOrEqual(64);
    const wrongCorp = await call(`${base}/gettoken?corpid=wwother&corpsecret=${sandboxWeCom.secret}`);
    expect(wrongCorp.body.errcode).toBe(40013);
    const wrongSecret = await call(`${base}/gettoken?corpid=${sandboxWeCom.corpId}&corpsecret=nope`);
    expect(wrongSecret.body.errcode).toBe(40001);
    expect(String(wrongSecret.body.errmsg)).toContain(
      'more info at https://open.work.weixin.qq.com/devtool/query?e=40001',
    );
  });

  test('a token works until it expires, then answers 42001; an unknown one 40014, none 41001', async () => {
    const t = await token();
    expect((await call(`${base}/department/list?access_token=${t}`)).body.errcode).toBe(0);
    s.advance(7199_000);
    expect((await call(`${base}/department/list?access_token=${t}`)).body.errcode).toBe(0);
    s.advance(2_000);
    expect((await call(`${base}/department/list?access_token=${t}`)).body.errcode).toBe(42001);
    expect((await call(`${base}/department/list?access_token=made-up`)).body.errcode).toBe(40014);
    expect((await call(`${base}/department/list`)).body.errcode).toBe(41001);
    const fresh = await token();
    expect(fresh).not.toBe(t);
    expect((await call(`${base}/department/list?access_token=${fresh}`)).body.errcode).toBe(0);
  });

  test('asking again within the validity returns the same token with its remaining lifetime', async () => {
    const first = await call(
      `${base}/gettoken?corpid=${sandboxWeCom.corpId}&corpsecret=${sandboxWeCom.secret}`,
    );
    s.advance(1000_000);
    const again = await call(
      `${base}/gettoken?corpid=${sandboxWeCom.corpId}&corpsecret=${sandboxWeCom.secret}`,
    );
    expect(again.body.access_token).toBe(first.body.access_token);
    expect(again.body.expires_in).toBe(6200);
  });
});

describe('message/send', () => {
  test('a text reaches the named members and shows in their chat with the bot', async () => {
    const t = await token();
    const answer = await send(t, {
      touser: 'ZhangWei|LiuYang|NoSuchUser',
      msgtype: 'text',
      text: { content: '您好' },
    });
    expect(answer).toMatchObject({ errcode: 0, invaliduser: 'NoSuchUser', invalidparty: '', invalidtag: '' });
    expect(String(answer.msgid)).toMatch(/^\d{16,}$/);
    expect(answer.response_code).toBeUndefined();
    const { body } = await call(`${s.url}/sandbox/api/messages?platform=wecom&chat=bot&user=LiuYang`);
    expect(body.messages).toEqual([
      expect.objectContaining({
        direction: 'out',
        type: 'text',
        content: { content: '您好' },
        viewers: ['ZhangWei', 'LiuYang'],
        via: 'message/send',
      }),
    ]);
    const other = await call(`${s.url}/sandbox/api/messages?platform=wecom&user=ChenJing`);
    expect(other.body.messages).toEqual([]);
  });

  test('toparty reaches the department; refusals carry the documented errcodes', async () => {
    const t = await token();
    const party = await send(t, { toparty: '3|999', msgtype: 'markdown', markdown: { content: '**华北**' } });
    expect(party).toMatchObject({ errcode: 0, invalidparty: '999' });
    const [message] = (await call(`${s.url}/sandbox/api/messages?platform=wecom`)).body.messages as {
      viewers: string[];
    }[];
    expect(message?.viewers.sort()).toEqual(['ChenJing', 'LiNa', 'LiuYang', 'ZhangWei']);

    expect(
      (await send(t, { agentid: 1, touser: 'ZhangWei', msgtype: 'text', text: { content: 'x' } })).errcode,
    ).toBe(40056);
    expect((await send(t, { touser: 'ZhangWei', msgtype: 'voice', voice: {} })).errcode).toBe(40008);
    expect((await send(t, { touser: 'ZhangWei', msgtype: 'text', text: { content: '' } })).errcode).toBe(
      44004,
    );
    expect((await send(t, { msgtype: 'text', text: { content: 'x' } })).errcode).toBe(82001);
    expect((await send(t, { touser: 'Nobody', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(
      81013,
    );
  });

  test('template_card rules: buttons, keys, task_id format and uniqueness', async () => {
    const t = await token();
    const seven = Array.from({ length: 7 }, (_, i) => ({ text: `按钮${i}`, key: `k${i}` }));
    const tooMany = await send(t, {
      touser: 'ZhangWei',
      msgtype: 'template_card',
      template_card: buttonCard('t1', { button_list: seven }),
    });
    expect(tooMany.errcode).toBe(40058);
    const noKey = await send(t, {
      touser: 'ZhangWei',
      msgtype: 'template_card',
      template_card: buttonCard('t2', { button_list: [{ text: '认领' }] }),
    });
    expect(noKey.errcode).toBe(42019);
    const badTask = await send(t, {
      touser: 'ZhangWei',
      msgtype: 'template_card',
      template_card: buttonCard('lead 1!'),
    });
    expect(badTask.errcode).toBe(42014);
    const noTask = await send(t, {
      touser: 'ZhangWei',
      msgtype: 'template_card',
      template_card: { ...buttonCard('x'), task_id: undefined },
    });
    expect(noTask.errcode).toBe(42014);
    const notice = await send(t, {
      touser: 'ZhangWei',
      msgtype: 'template_card',
      template_card: { card_type: 'text_notice', main_title: { title: '通知' } },
    });
    expect(notice.errcode).toBe(40058);

    const ok = await send(t, {
      touser: 'ZhangWei|LiuYang',
      msgtype: 'template_card',
      template_card: buttonCard('lead-123-1'),
    });
    expect(ok.errcode).toBe(0);
    expect(typeof ok.response_code).toBe('string');
    const again = await send(t, {
      touser: 'ChenJing',
      msgtype: 'template_card',
      template_card: buttonCard('lead-123-1'),
    });
    expect(again.errcode).toBe(42014);
  });
});

describe('update_template_card', () => {
  test('a response code updates the copies it names, once', async () => {
    const t = await token();
    const sent = await send(t, {
      touser: 'ZhangWei|LiuYang|ChenJing',
      msgtype: 'template_card',
      template_card: buttonCard('lead-9'),
    });
    const update = (body: Record<string, unknown>) =>
      call(`${base}/message/update_template_card?access_token=${t}`, { body: { agentid: 1000002, ...body } });

    const first = await update({
      userids: ['LiuYang', 'WangJianGuo'],
      response_code: sent.response_code,
      button: { replace_name: '已认领' },
    });
    expect(first.body).toMatchObject({ errcode: 0, invaliduser: ['WangJianGuo'] });
    const views = async () => {
      const { body } = await call(`${s.url}/sandbox/api/messages?platform=wecom`);
      return (
        body.messages as { card: { views: Record<string, { disabled?: string; version: number }> } }[]
      )[0]?.card.views;
    };
    expect(await views()).toMatchObject({
      LiuYang: { disabled: '已认领', version: 2 },
      ZhangWei: { version: 1 },
      ChenJing: { version: 1 },
    });
    expect((await views())?.ZhangWei?.disabled).toBeUndefined();

    const reused = await update({
      atall: 1,
      response_code: sent.response_code,
      button: { replace_name: '已认领' },
    });
    expect(reused.body.errcode).toBe(42022);
    expect((await views())?.ZhangWei?.version).toBe(1);
  });

  test('atall with a full card replaces every copy; an expired code no longer works', async () => {
    const t = await token();
    const a = await send(t, {
      touser: 'ZhangWei|LiuYang',
      msgtype: 'template_card',
      template_card: buttonCard('lead-10'),
    });
    const b = await send(t, {
      touser: 'ZhangWei',
      msgtype: 'template_card',
      template_card: buttonCard('lead-11'),
    });
    const card = {
      ...buttonCard('lead-10'),
      main_title: { title: '线索已被张伟认领' },
      replace_text: '已处理',
    };
    const done = await call(`${base}/message/update_template_card?access_token=${t}`, {
      body: { agentid: 1000002, atall: 1, response_code: a.response_code, template_card: card },
    });
    expect(done.body.errcode).toBe(0);
    const { body } = await call(`${s.url}/sandbox/api/messages?platform=wecom&user=LiuYang`);
    const [msg] = body.messages as {
      card: { views: Record<string, { card: { main_title: { title: string } }; disabled: string }> };
    }[];
    expect(msg?.card.views.LiuYang).toMatchObject({
      disabled: '已处理',
      card: { main_title: { title: '线索已被张伟认领' } },
    });

    s.advance(72 * 3600_000 + 1000);
    const t2 = await token();
    const late = await call(`${base}/message/update_template_card?access_token=${t2}`, {
      body: { agentid: 1000002, atall: 1, response_code: b.response_code, button: { replace_name: '过期' } },
    });
    expect(late.body.errcode).toBe(40058);
    expect(String(late.body.errmsg)).toContain('expired');
  });
});

describe('limits and failure switches', () => {
  test('past 30 messages a minute to one member the rest is dropped silently, for a minute', async () => {
    const t = await token();
    for (let i = 0; i < 30; i++) {
      expect(
        (await send(t, { touser: 'ZhangWei', msgtype: 'text', text: { content: `第${i}条` } })).errcode,
      ).toBe(0);
    }
    const over = await send(t, { touser: 'ZhangWei|LiuYang', msgtype: 'text', text: { content: '第31条' } });
    expect(over.errcode).toBe(0);
    const last = async () =>
      (await call(`${s.url}/sandbox/api/messages?platform=wecom`)).body.messages as {
        viewers: string[];
        dropped: unknown[];
      }[];
    expect((await last()).at(-1)).toMatchObject({
      viewers: ['LiuYang'],
      dropped: [{ user: 'ZhangWei', reason: 'rate_limited' }],
    });
    s.advance(30_000);
    await send(t, { touser: 'ZhangWei', msgtype: 'text', text: { content: '还在冷却' } });
    expect((await last()).at(-1)?.viewers).toEqual([]);
    s.advance(61_000);
    const token2 = await token();
    await send(token2, { touser: 'ZhangWei', msgtype: 'text', text: { content: '恢复' } });
    expect((await last()).at(-1)?.viewers).toEqual(['ZhangWei']);
  });

  test('a switch forces an errcode on the next N calls, then the endpoint works again', async () => {
    const t = await token();
    const armed = await call(`${s.url}/sandbox/api/switches`, {
      body: { platform: 'wecom', api: 'message/send', errcode: 45009, times: 2 },
    });
    expect(armed.status).toBe(201);
    const text = { touser: 'ZhangWei', msgtype: 'text', text: { content: '你好' } };
    expect((await send(t, text)).errcode).toBe(45009);
    expect((await send(t, text)).errcode).toBe(45009);
    expect((await send(t, text)).errcode).toBe(0);
    const messages = (await call(`${s.url}/sandbox/api/messages?platform=wecom`)).body.messages as unknown[];
    expect(messages).toHaveLength(1);
  });

  test('latency and "expire every token now"', async () => {
    const t = await token();
    await call(`${s.url}/sandbox/api/switches`, { body: { platform: 'wecom', api: '*', latencyMs: 300 } });
    const started = performance.now();
    expect((await call(`${base}/department/list?access_token=${t}`)).body.errcode).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(
      (await call(`${s.url}/sandbox/api/switches/expire-tokens`, { body: { platform: 'wecom' } })).status,
    ).toBe(204);
    expect((await call(`${base}/department/list?access_token=${t}`)).body.errcode).toBe(42001);
  });

  test('a switch body that makes no sense is refused in Chinese', async () => {
    const res = await call(`${s.url}/sandbox/api/switches`, { body: { platform: 'wecom', times: 0 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ title: '请求内容有误，请检查标出的字段' });
  });
});

describe('group chats and group robots', () => {
  test('appchat/create then appchat/send lands in the new group; template cards are refused', async () => {
    const t = await token();
    const created = await call(`${base}/appchat/create?access_token=${t}`, {
      body: {
        name: '星河项目群',
        owner: 'ZhangWei',
        userlist: ['ZhangWei', 'LiuYang', 'MaChao'],
        chatid: 'xinghe01',
      },
    });
    expect(created.body).toMatchObject({ errcode: 0, chatid: 'xinghe01' });
    const dup = await call(`${base}/appchat/create?access_token=${t}`, {
      body: { name: '重复', userlist: ['ZhangWei', 'LiuYang'], chatid: 'xinghe01' },
    });
    expect(dup.body.errcode).toBe(86215);
    const lonely = await call(`${base}/appchat/create?access_token=${t}`, {
      body: { name: '一个人', userlist: ['ZhangWei'] },
    });
    expect(lonely.body.errcode).toBe(86006);

    const sent = await call(`${base}/appchat/send?access_token=${t}`, {
      body: { chatid: 'xinghe01', msgtype: 'text', text: { content: '项目启动' } },
    });
    expect(sent.body.errcode).toBe(0);
    const card = await call(`${base}/appchat/send?access_token=${t}`, {
      body: { chatid: 'xinghe01', msgtype: 'template_card', template_card: buttonCard('g-1') },
    });
    expect(card.body.errcode).toBe(40008);
    const { body } = await call(`${s.url}/sandbox/api/messages?chat=xinghe01`);
    expect(body.messages).toEqual([
      expect.objectContaining({ chatName: '星河项目群', viewers: ['ZhangWei', 'LiuYang', 'MaChao'] }),
    ]);
  });

  test('a group robot webhook: notice cards only, 20 a minute, unknown key 93000', async () => {
    const org = (await call(`${s.url}/sandbox/api/org`)).body as {
      wecom: { groups: { name: string; webhookUrl: string }[] };
    };
    const north = org.wecom.groups.find((g) => g.name === '华北销售部群');
    expect(north?.webhookUrl).toMatch(/\/sandbox\/wecom\/cgi-bin\/webhook\/send\?key=/);
    const url = north?.webhookUrl ?? '';
    expect((await call(url, { body: { msgtype: 'text', text: { content: '日报' } } })).body.errcode).toBe(0);
    const interactive = await call(url, {
      body: { msgtype: 'template_card', template_card: buttonCard('w-1') },
    });
    expect(interactive.body.errcode).toBe(40058);
    for (let i = 1; i < 20; i++) await call(url, { body: { msgtype: 'text', text: { content: `${i}` } } });
    expect((await call(url, { body: { msgtype: 'text', text: { content: '21' } } })).body.errcode).toBe(
      45009,
    );
    const unknown = `${s.url}/sandbox/wecom/cgi-bin/webhook/send?key=00000000-0000-0000-0000-000000000000`;
    expect((await call(unknown, { body: { msgtype: 'text', text: { content: 'x' } } })).body.errcode).toBe(
      93000,
    );
  });
});

describe('contacts, customers and identity', () => {
  test('department/list and user/list describe the demo org with mobiles', async () => {
    const t = await token();
    const depts = (await call(`${base}/department/list?access_token=${t}`)).body.department as {
      id: number;
      name: string;
      parentid: number;
    }[];
    expect(depts[0]).toMatchObject({ id: 1, name: '云帆智能科技（演示）', parentid: 0 });
    expect(depts.map((d) => d.name)).toContain('华东销售部');
    const east = depts.find((d) => d.name === '华东销售部');
    const users = (await call(`${base}/user/list?access_token=${t}&department_id=${east?.id}`)).body
      .userlist as { userid: string; mobile: string }[];
    expect(users.map((u) => u.userid).sort()).toEqual(['SunHao', 'WuTing', 'ZhaoMin', 'ZhouJie']);
    expect(users[0]?.mobile).toMatch(/^1\d{10}$/);
    expect(
      (await call(`${base}/user/list?access_token=${t}&department_id=1&fetch_child=1`)).body.userlist,
    ).toHaveLength(21);
  });

  test('external contacts and corp tags', async () => {
    const t = await token();
    const mine = await call(`${base}/externalcontact/batch/get_by_user?access_token=${t}`, {
      body: { userid_list: ['ZhangWei'], limit: 1 },
    });
    expect(mine.body.external_contact_list).toHaveLength(1);
    expect(mine.body.next_cursor).toBe('1');
    const rest = await call(`${base}/externalcontact/batch/get_by_user?access_token=${t}`, {
      body: { userid_list: ['ZhangWei'], limit: 1, cursor: mine.body.next_cursor },
    });
    expect(rest.body.next_cursor).toBe('');
    const [first] = mine.body.external_contact_list as { external_contact: { external_userid: string } }[];
    const id = first?.external_contact.external_userid ?? '';
    expect(
      (await call(`${base}/externalcontact/get?access_token=${t}&external_userid=nope`)).body.errcode,
    ).toBe(40096);

    const added = await call(`${base}/externalcontact/add_corp_tag?access_token=${t}`, {
      body: { group_name: '客户等级', tag: [{ name: '战略客户' }] },
    });
    const tagId = (added.body.tag_group as { tag: { id: string }[] }).tag[0]?.id ?? '';
    expect(
      (
        await call(`${base}/externalcontact/mark_tag?access_token=${t}`, {
          body: { userid: 'ZhangWei', external_userid: id, add_tag: [tagId] },
        })
      ).body.errcode,
    ).toBe(0);
    const got = await call(`${base}/externalcontact/get?access_token=${t}&external_userid=${id}`);
    const follow = (got.body.follow_user as { userid: string; tags: { tag_name: string }[] }[]).find(
      (f) => f.userid === 'ZhangWei',
    );
    expect(follow?.tags.map((x) => x.tag_name)).toContain('战略客户');
    const stranger = await call(`${base}/externalcontact/mark_tag?access_token=${t}`, {
      body: { userid: 'MaChao', external_userid: id, add_tag: [tagId] },
    });
    expect(stranger.body.errcode).toBe(84061);
  });

  test('the OAuth page hands out a code that getuserinfo takes once', async () => {
    const redirect = 'https://crm.example.com/app/login';
    const authorize = `${s.url}/sandbox/wecom/connect/oauth2/authorize?appid=${sandboxWeCom.corpId}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_base&state=abc&agentid=1000002`;
    const chooser = await fetch(authorize);
    expect(chooser.status).toBe(200);
    expect(await chooser.text()).toContain('张伟');
    const chosen = await fetch(`${authorize}&sandbox_userid=ZhangWei`, { redirect: 'manual' });
    expect(chosen.status).toBe(302);
    const location = new URL(chosen.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(redirect);
    expect(location.searchParams.get('state')).toBe('abc');
    const code = location.searchParams.get('code');
    const t = await token();
    const who = await call(`${base}/auth/getuserinfo?access_token=${t}&code=${code}`);
    expect(who.body).toMatchObject({ errcode: 0, userid: 'ZhangWei' });
    expect((await call(`${base}/auth/getuserinfo?access_token=${t}&code=${code}`)).body.errcode).toBe(40029);
    expect((await fetch(authorize.replace(sandboxWeCom.corpId, 'wwother'))).status).toBe(400);
  });

  test('JS-SDK tickets and the mini-program login', async () => {
    const t = await token();
    const corp = await call(`${base}/get_jsapi_ticket?access_token=${t}`);
    const agent = await call(`${base}/ticket/get?access_token=${t}&type=agent_config`);
    expect(corp.body).toMatchObject({ errcode: 0, expires_in: 7200 });
    expect(agent.body.ticket).not.toBe(corp.body.ticket);
    expect((await call(`${base}/ticket/get?access_token=${t}&type=other`)).body.errcode).toBe(91040);
    const { body } = await call(`${s.url}/sandbox/api/login-codes`, {
      body: { platform: 'wecom', user: 'SunHao', kind: 'miniprogram' },
    });
    const session = await call(
      `${base}/miniprogram/jscode2session?access_token=${t}&js_code=${body.code}&grant_type=authorization_code`,
    );
    expect(session.body).toMatchObject({ errcode: 0, corpid: sandboxWeCom.corpId, userid: 'SunHao' });
    expect(typeof session.body.session_key).toBe('string');
  });
});
