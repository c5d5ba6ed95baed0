import { sandboxDingTalk } from '@kelian/config';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { call, type SandboxServer, startSandboxServer } from './support/sandbox-server.js';

let s: SandboxServer;
let api: string;
let oapi: string;
beforeEach(async () => {
  s = await startSandboxServer();
  api = `${s.url}/sandbox/dingtalk/api`;
  oapi = `${s.url}/sandbox/dingtalk/oapi`;
});
afterEach(() => s.stop());

const token = async () => {
  const { body } = await call(`${api}/v1.0/oauth2/accessToken`, {
    body: { appKey: sandboxDingTalk.clientId, appSecret: sandboxDingTalk.clientSecret },
  });
  return String(body.accessToken);
};
const authed = (t: string) => ({ 'x-acs-dingtalk-access-token': t });
const people = (names: string[]) =>
  names.map((n) => s.sandbox.state.org.people.find((p) => p.name === n)?.dingtalk.userid ?? n);

describe('access tokens', () => {
  test('the new endpoint: 7200 s, the same token extended when asked again, 400 for bad credentials', async () => {
    const first = await call(`${api}/v1.0/oauth2/accessToken`, {
      body: { appKey: sandboxDingTalk.clientId, appSecret: sandboxDingTalk.clientSecret },
    });
    expect(first.body).toMatchObject({ expireIn: 7200 });
    s.advance(3600_000);
    const again = await call(`${api}/v1.0/oauth2/accessToken`, {
      body: { appKey: sandboxDingTalk.clientId, appSecret: sandboxDingTalk.clientSecret },
    });
    expect(again.body).toEqual({ accessToken: first.body.accessToken, expireIn: 7200 });
    const bad = await call(`${api}/v1.0/oauth2/accessToken`, {
      body: { appKey: sandboxDingTalk.clientId, appSecret: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalidClientIdOrSecret' });
    expect(typeof bad.body.requestid).toBe('string');
  });

  test('the new API wants the header; the old one the query, with the reason in sub_code', async () => {
    const t = await token();
    const noHeader = await call(`${api}/v1.0/robot/groupMessages/send`, { body: {} });
    expect(noHeader).toMatchObject({ status: 400, body: { code: 'AuthenticationFailed.MissingParameter' } });
    const wrong = await call(`${api}/v1.0/robot/groupMessages/send`, { body: {}, headers: authed('nope') });
    expect(wrong).toMatchObject({
      status: 400,
      body: { code: 'InvalidAuthentication', message: '不合法的access_token' },
    });
    const oldWrong = await call(`${oapi}/get_jsapi_ticket?access_token=nope`);
    expect(oldWrong).toMatchObject({ status: 200, body: { errcode: 88, sub_code: '40014' } });
    s.advance(7201_000);
    const expired = await call(`${oapi}/get_jsapi_ticket?access_token=${t}`);
    expect(expired.body).toMatchObject({ errcode: 88, sub_code: '42001' });
    const old = await call(
      `${oapi}/gettoken?appkey=${sandboxDingTalk.clientId}&appsecret=${sandboxDingTalk.clientSecret}`,
    );
    expect(old.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    // The two endpoints hand out interchangeable tokens.
    const viaOld = await call(`${api}/v1.0/oauth2/jsapiTickets`, {
      body: {},
      headers: authed(String(old.body.access_token)),
    });
    expect(viaOld.status).toBe(200);
    expect(viaOld.body).toMatchObject({ expireIn: 7200 });
  });
});

describe('robot messages', () => {
  test('batchSend reports unknown users and shows the message to the others', async () => {
    const t = await token();
    const [zhang, liu] = people(['张伟', '刘洋']);
    const res = await call(`${api}/v1.0/robot/oToMessages/batchSend`, {
      headers: authed(t),
      body: {
        robotCode: sandboxDingTalk.clientId,
        userIds: [zhang, liu, 'nobody'],
        msgKey: 'sampleMarkdown',
        msgParam: JSON.stringify({ title: '日报', text: '**今日新增 3 个线索**' }),
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ invalidStaffIdList: ['nobody'], flowControlledStaffIdList: [] });
    expect(typeof res.body.processQueryKey).toBe('string');
    const { body } = await call(`${s.url}/sandbox/api/messages?platform=dingtalk&chat=bot&user=${liu}`);
    expect(body.messages).toEqual([
      expect.objectContaining({
        type: 'sampleMarkdown',
        content: { title: '日报', text: '**今日新增 3 个线索**' },
        viewers: [zhang, liu],
      }),
    ]);
  });

  test('msgParam must be a JSON string matching its msgKey; at most 20 users', async () => {
    const t = await token();
    const send = (body: Record<string, unknown>) =>
      call(`${api}/v1.0/robot/oToMessages/batchSend`, {
        headers: authed(t),
        body: { robotCode: sandboxDingTalk.clientId, ...body },
      });
    const [zhang] = people(['张伟']);
    expect((await send({ userIds: [zhang], msgKey: 'sampleText', msgParam: { content: 'x' } })).status).toBe(
      400,
    );
    expect((await send({ userIds: [zhang], msgKey: 'sampleText', msgParam: '{"text":"x"}' })).body.code).toBe(
      'param.invalid',
    );
    expect(
      (await send({ userIds: Array(21).fill(zhang), msgKey: 'sampleText', msgParam: '{"content":"x"}' }))
        .status,
    ).toBe(400);
    expect((await send({ userIds: [zhang], msgKey: 'sampleText', msgParam: '{"content":"x"}' })).status).toBe(
      200,
    );
  });

  test('groupMessages/send lands in the group for every member', async () => {
    const t = await token();
    const group = [...s.sandbox.state.dingtalk.groups.values()].find((g) => g.name === '采购群');
    const res = await call(`${api}/v1.0/robot/groupMessages/send`, {
      headers: authed(t),
      body: {
        robotCode: sandboxDingTalk.clientId,
        openConversationId: group?.openConversationId,
        msgKey: 'sampleText',
        msgParam: '{"content":"缺货提醒"}',
      },
    });
    expect(res.status).toBe(200);
    const { body } = await call(
      `${s.url}/sandbox/api/messages?chat=${encodeURIComponent(group?.openConversationId ?? '')}`,
    );
    expect(body.messages).toEqual([expect.objectContaining({ chatName: '采购群', viewers: group?.members })]);
  });
});

describe('interactive cards', () => {
  const deliver = async (t: string, extra: Record<string, unknown> = {}) => {
    const group = [...s.sandbox.state.dingtalk.groups.values()].find((g) => g.name === '华北销售部群');
    return call(`${api}/v1.0/card/instances/createAndDeliver`, {
      headers: authed(t),
      body: {
        cardTemplateId: 'kelian-general.schema',
        outTrackId: 'approval:42:v1',
        callbackType: 'STREAM',
        cardData: { cardParamMap: { title: '报价审批', status_text: '待审批', has_buttons: 'true' } },
        privateData: { [people(['李娜'])[0] ?? '']: { cardParamMap: { status_text: '请你审批' } } },
        openSpaceId: `dtv1.card//IM_GROUP.${group?.openConversationId};IM_ROBOT.${people(['王建国'])[0]};IM_ROBOT.nobody`,
        imGroupOpenSpaceModel: { supportForward: true },
        imGroupOpenDeliverModel: { robotCode: sandboxDingTalk.clientId },
        imRobotOpenSpaceModel: { supportForward: true },
        imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: sandboxDingTalk.clientId },
        userIdType: 1,
        ...extra,
      },
    });
  };
  const views = () => s.sandbox.state.dingtalk.cards.views('approval:42:v1');

  test('createAndDeliver reports each space; each viewer sees public data overlaid by their private data', async () => {
    const t = await token();
    const res = await deliver(t);
    expect(res.status).toBe(200);
    const results = (res.body.result as { deliverResults: { spaceType: string; success: boolean }[] })
      .deliverResults;
    expect(results.map((r) => [r.spaceType, r.success])).toEqual([
      ['IM_GROUP', true],
      ['IM_ROBOT', true],
      ['IM_ROBOT', false],
    ]);
    const [lina, zhang, boss] = people(['李娜', '张伟', '王建国']);
    expect(views()[lina ?? '']?.params.status_text).toBe('请你审批');
    expect(views()[zhang ?? '']?.params.status_text).toBe('待审批');
    expect(views()[boss ?? '']?.params.title).toBe('报价审批');
    expect((await deliver(t)).body).toMatchObject({ code: 'param.cardAlreadyExist' });
    expect(
      (await deliver(t, { outTrackId: 'x', cardData: { cardParamMap: { has_buttons: true } } })).body.code,
    ).toBe('param.invalid');
    expect((await deliver(t, { outTrackId: 'y', imGroupOpenDeliverModel: undefined })).body.code).toBe(
      'param.openDeliverModelEmpty',
    );
    expect((await deliver(t, { outTrackId: 'z', openSpaceId: 'IM_GROUP.cid' })).body.code).toBe(
      'param.openSpaceIdInvalid',
    );
  });

  test('PUT without options overwrites; with updateCardDataByKey it patches', async () => {
    const t = await token();
    await deliver(t);
    const put = (body: Record<string, unknown>) =>
      call(`${api}/v1.0/card/instances`, {
        method: 'PUT',
        headers: authed(t),
        body: { outTrackId: 'approval:42:v1', ...body },
      });
    const [lina, zhang] = people(['李娜', '张伟']);

    expect(
      (
        await put({
          cardData: { cardParamMap: { status_text: '已同意 1/2' } },
          cardUpdateOptions: { updateCardDataByKey: true },
        })
      ).status,
    ).toBe(200);
    expect(views()[zhang ?? '']?.params).toMatchObject({
      title: '报价审批',
      status_text: '已同意 1/2',
      has_buttons: 'true',
    });
    expect(views()[lina ?? '']?.params.status_text).toBe('请你审批');

    await put({
      cardData: { cardParamMap: { status_text: '已通过' } },
      privateData: { [lina ?? '']: { cardParamMap: {} } },
    });
    expect(views()[zhang ?? '']?.params).toEqual({ status_text: '已通过' });
    expect(views()[lina ?? '']?.params).toEqual({ status_text: '已通过' });
    expect(views()[zhang ?? '']?.version).toBe(3);

    expect((await put({ outTrackId: 'nope', cardData: { cardParamMap: {} } })).body.code).toBe(
      'param.cardNotExist',
    );
  });
});

describe('limits and failure switches', () => {
  test('more than 20 calls a second to one API get 403 QpsLimitForAppkeyAndApi', async () => {
    const t = await token();
    const answers = await Promise.all(
      Array.from({ length: 22 }, () =>
        call(`${api}/v1.0/oauth2/jsapiTickets`, { body: {}, headers: authed(t) }),
      ),
    );
    const limited = answers.filter((a) => a.status === 403);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0]?.body.code).toBe('Forbidden.AccessDenied.QpsLimitForAppkeyAndApi');
    s.advance(1_100);
    expect((await call(`${api}/v1.0/oauth2/jsapiTickets`, { body: {}, headers: authed(t) })).status).toBe(
      200,
    );
  });

  test('a named failure answers in each host’s own shape', async () => {
    const t = await token();
    await call(`${s.url}/sandbox/api/switches`, {
      body: { platform: 'dingtalk', api: '*', failure: 'busy', times: 2 },
    });
    const newApi = await call(`${api}/v1.0/oauth2/jsapiTickets`, { body: {}, headers: authed(t) });
    expect(newApi).toMatchObject({ status: 500, body: { code: 'system.busy' } });
    const oldApi = await call(`${oapi}/get_jsapi_ticket?access_token=${t}`);
    expect(oldApi).toMatchObject({ status: 200, body: { errcode: -1 } });
    expect((await call(`${oapi}/get_jsapi_ticket?access_token=${t}`)).body.errcode).toBe(0);

    await call(`${s.url}/sandbox/api/switches`, {
      body: { platform: 'dingtalk', api: 'topapi/v2/user/list', failure: 'ip_banned' },
    });
    const banned = await fetch(`${oapi}/topapi/v2/user/list?access_token=${t}`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(await banned.json()).toMatchObject({ status: 1111, punish: 'deny' });
  });
});

describe('oapi: org, identity and work notifications', () => {
  test('departments and users page by page, with mobiles matching WeCom', async () => {
    const t = await token();
    const subs = await call(`${oapi}/topapi/v2/department/listsub?access_token=${t}`, {
      body: { dept_id: 1 },
    });
    const south = (subs.body.result as { dept_id: number; name: string }[]).find(
      (d) => d.name === '华南销售部',
    );
    const page1 = await call(`${oapi}/topapi/v2/user/list?access_token=${t}`, {
      body: { dept_id: south?.dept_id, cursor: 0, size: 3 },
    });
    const result = page1.body.result as {
      has_more: boolean;
      next_cursor: number;
      list: { name: string; mobile: string }[];
    };
    expect(result).toMatchObject({ has_more: true, next_cursor: 3 });
    const page2 = await call(`${oapi}/topapi/v2/user/list?access_token=${t}`, {
      body: { dept_id: south?.dept_id, cursor: 3, size: 3 },
    });
    expect((page2.body.result as { has_more: boolean }).has_more).toBe(false);
    const zheng = s.sandbox.state.org.people.find((p) => p.name === result.list[0]?.name);
    expect(result.list[0]?.mobile).toBe(zheng?.mobile);
    expect(
      (await call(`${oapi}/topapi/v2/user/list?access_token=${t}`, { body: { dept_id: 1, size: 101 } })).body
        .errcode,
    ).toBe(40035);
  });

  test('getuserinfo takes a requestAuthCode code once', async () => {
    const t = await token();
    const [ma] = people(['马超']);
    const { body } = await call(`${s.url}/sandbox/api/login-codes`, {
      body: { platform: 'dingtalk', user: ma },
    });
    const who = await call(`${oapi}/topapi/v2/user/getuserinfo?access_token=${t}`, {
      body: { code: body.code },
    });
    expect(who.body).toMatchObject({ errcode: 0, result: { userid: ma, name: '马超', sys: false } });
    expect(
      (await call(`${oapi}/topapi/v2/user/getuserinfo?access_token=${t}`, { body: { code: body.code } })).body
        .errcode,
    ).toBe(40078);
  });

  test('asyncsend_v2 answers success but drops the same content to the same user the same day', async () => {
    const t = await token();
    const [zhu] = people(['朱丽']);
    const notice = {
      agent_id: sandboxDingTalk.agentId,
      userid_list: `${zhu},ghost`,
      msg: { msgtype: 'text', text: { content: '采购单已到货' } },
    };
    const first = await call(`${oapi}/topapi/message/corpconversation/asyncsend_v2?access_token=${t}`, {
      body: notice,
    });
    expect(first.body).toMatchObject({ errcode: 0 });
    expect(typeof first.body.task_id).toBe('number');
    const second = await call(`${oapi}/topapi/message/corpconversation/asyncsend_v2?access_token=${t}`, {
      body: notice,
    });
    expect(second.body.errcode).toBe(0);
    const { body } = await call(`${s.url}/sandbox/api/messages?platform=dingtalk&chat=notice`);
    expect(body.messages).toEqual([
      expect.objectContaining({ viewers: [zhu], dropped: [{ user: 'ghost', reason: 'unknown_user' }] }),
      expect.objectContaining({
        viewers: [],
        dropped: [
          { user: zhu, reason: 'same_content_today' },
          { user: 'ghost', reason: 'unknown_user' },
        ],
      }),
    ]);
    const wrongAgent = await call(`${oapi}/topapi/message/corpconversation/asyncsend_v2?access_token=${t}`, {
      body: { ...notice, agent_id: 1 },
    });
    expect(wrongAgent.body.errcode).toBe(40056);
  });
});
