import { afterEach, describe, expect, it } from 'vitest';
import { DingTalkClient } from '../../../src/platforms/dingtalk/client.js';
import { jsapiSignature } from '../../../src/platforms/dingtalk/jsapi.js';
import { type Reply, type Route, startFakeServer } from './support/fake-server.js';
import { captureLogger } from './support/log-capture.js';
import { MemoryTokenStore } from './support/memory-token-store.js';
import { rejection } from './support/rejection.js';

const SECRET = 'app-secret-do-not-log';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A fake DingTalk whose token endpoint hands out tok-1, tok-2, … */
async function setup(routes: Record<string, Route>, options: { expireIn?: number } = {}) {
  let issued = 0;
  const server = await startFakeServer({
    'POST /v1.0/oauth2/accessToken': (req) => {
      const body = req.body as { appKey: string; appSecret: string };
      if (body.appKey !== 'dingclient' || body.appSecret !== SECRET) {
        return {
          status: 400,
          json: { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' },
        };
      }
      issued += 1;
      return { json: { accessToken: `tok-${issued}`, expireIn: options.expireIn ?? 7200 } };
    },
    ...routes,
  });
  cleanups.push(server.close);
  const store = new MemoryTokenStore();
  const log = captureLogger();
  const make = () =>
    new DingTalkClient({
      apiBase: server.base,
      oapiBase: server.base,
      clientId: 'dingclient',
      clientSecret: SECRET,
      agentId: '3000001',
      robotCode: 'dingclient',
      tokenStore: store,
      logger: log.logger,
      retry: { initialMs: 5, maxMs: 20, maxRetries: 3 },
    });
  return {
    server,
    store,
    log,
    client: make(),
    make,
    tokenCalls: () => server.calls('POST /v1.0/oauth2/accessToken').length,
  };
}

const groupOk: Route = () => ({ json: { processQueryKey: 'pqk' } });
const message = { msgKey: 'sampleText', msgParam: { content: '你好' } };

function sequence(...replies: Reply[]): Route {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)] as Reply;
}

describe('access token', () => {
  it('is fetched once, cached, and sent in the header (new API) and the query (old API)', async () => {
    const { client, server, tokenCalls } = await setup({
      'POST /v1.0/robot/groupMessages/send': groupOk,
      'POST /topapi/v2/user/getuserinfo': () => ({ json: { errcode: 0, result: { userid: 'u1' } } }),
    });
    await client.sendRobotToGroup('cid1', message);
    await client.sendRobotToGroup('cid1', message);
    await client.userByAuthCode('code1');
    expect(tokenCalls()).toBe(1);
    expect(
      server.calls('POST /v1.0/robot/groupMessages/send')[1]?.headers['x-acs-dingtalk-access-token'],
    ).toBe('tok-1');
    expect(server.calls('POST /topapi/v2/user/getuserinfo')[0]?.query.get('access_token')).toBe('tok-1');
  });

  it('is refreshed before it expires (less than five minutes left)', async () => {
    const { client, tokenCalls } = await setup(
      { 'POST /v1.0/robot/groupMessages/send': groupOk },
      { expireIn: 200 },
    );
    await client.sendRobotToGroup('cid1', message);
    await client.sendRobotToGroup('cid1', message);
    expect(tokenCalls()).toBe(2);
  });

  it('two instances sharing the store fetch it once, even when asking at the same moment', async () => {
    const { make, tokenCalls } = await setup({ 'POST /v1.0/robot/groupMessages/send': groupOk });
    const a = make();
    const b = make();
    await Promise.all([
      a.sendRobotToGroup('c', message),
      b.sendRobotToGroup('c', message),
      a.sendRobotToGroup('c', message),
    ]);
    expect(tokenCalls()).toBe(1);
  });

  it('rejected mid-flight (new API InvalidAuthentication): refreshed once and the call retried', async () => {
    const { client, server, tokenCalls } = await setup({
      'POST /v1.0/robot/groupMessages/send': (req) =>
        req.headers['x-acs-dingtalk-access-token'] === 'tok-1'
          ? {
              status: 400,
              json: { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: 'r1' },
            }
          : { json: { processQueryKey: 'pqk-2' } },
    });
    await expect(client.sendRobotToGroup('cid1', message)).resolves.toEqual({ processQueryKey: 'pqk-2' });
    expect(tokenCalls()).toBe(2);
    expect(
      server
        .calls('POST /v1.0/robot/groupMessages/send')
        .map((r) => r.headers['x-acs-dingtalk-access-token']),
    ).toEqual(['tok-1', 'tok-2']);
  });

  it('rejected mid-flight (old API errcode 88 / sub_code 40014): refreshed once and retried', async () => {
    const { client, tokenCalls } = await setup({
      'POST /topapi/v2/user/getuserinfo': (req) =>
        req.query.get('access_token') === 'tok-1'
          ? {
              json: {
                errcode: 88,
                errmsg: 'ding talk error[subcode=40014,submsg=不合法的access_token]',
                sub_code: '40014',
              },
            }
          : { json: { errcode: 0, result: { userid: 'u9', name: '李四', sys_level: 2 } } },
    });
    await expect(client.userByAuthCode('c')).resolves.toEqual({ userId: 'u9', name: '李四', sysLevel: 2 });
    expect(tokenCalls()).toBe(2);
  });

  it('a token still rejected after the refresh fails typed, after exactly one retry', async () => {
    const { client, server } = await setup({
      'POST /v1.0/robot/groupMessages/send': () => ({
        status: 400,
        json: { code: 'InvalidAuthentication', message: 'x' },
      }),
    });
    const error = await rejection(client.sendRobotToGroup('cid1', message));
    expect(error).toMatchObject({ code: 'InvalidAuthentication', api: 'robot/groupMessages/send' });
    expect(server.calls('POST /v1.0/robot/groupMessages/send')).toHaveLength(2);
  });

  it('bad credentials fail typed, and neither the secret nor a token reaches the error or the log', async () => {
    const { server, store, log } = await setup({});
    const client = new DingTalkClient({
      apiBase: server.base,
      oapiBase: server.base,
      clientId: 'dingclient',
      clientSecret: 'wrong-secret-xyz',
      agentId: '1',
      robotCode: 'dingclient',
      tokenStore: store,
      logger: log.logger,
    });
    const error = await rejection(client.sendRobotToGroup('cid', message));
    expect(error).toMatchObject({ code: 'invalidClientIdOrSecret', httpStatus: 400 });
    expect(error.message).not.toContain('wrong-secret-xyz');
    expect(log.lines().join('\n')).not.toContain('wrong-secret-xyz');
  });

  it('a zero lifetime is refused instead of cached (it would refresh on every call)', async () => {
    const { client } = await setup({ 'POST /v1.0/robot/groupMessages/send': groupOk }, { expireIn: 0 });
    expect(await rejection(client.sendRobotToGroup('c', message))).toMatchObject({ code: 'BAD_RESPONSE' });
  });
});

describe('throttling and errors', () => {
  it('retries QPS-limit answers with backoff, new API and old API', async () => {
    const qps = {
      status: 403,
      json: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: 'qps' },
    };
    const { client, server, log } = await setup({
      'POST /v1.0/robot/groupMessages/send': sequence(qps, qps, { json: { processQueryKey: 'late' } }),
      'POST /topapi/v2/department/listsub': sequence(
        { json: { errcode: 90018, errmsg: '禁止调用' } },
        { json: { errcode: -1, errmsg: '系统繁忙' } },
        { json: { errcode: 0, result: [{ dept_id: 2, name: '销售部', parent_id: 1 }] } },
      ),
    });
    await expect(client.sendRobotToGroup('c', message)).resolves.toEqual({ processQueryKey: 'late' });
    await expect(client.listSubDepartments('1')).resolves.toEqual([
      { id: '2', name: '销售部', parentId: '1' },
    ]);
    expect(server.calls('POST /v1.0/robot/groupMessages/send')).toHaveLength(3);
    expect(server.calls('POST /topapi/v2/department/listsub')).toHaveLength(3);
    const retries = log.lines().filter((l) => l.includes('dingtalk throttled the call'));
    expect(retries).toHaveLength(4);
  });

  it('gives up after the bounded number of retries with the QPS code', async () => {
    const { client, server } = await setup({
      'POST /v1.0/robot/groupMessages/send': () => ({
        status: 403,
        json: { code: 'Forbidden.AccessDenied.QpsLimitForApi' },
      }),
    });
    expect(await rejection(client.sendRobotToGroup('c', message))).toMatchObject({
      code: 'Forbidden.AccessDenied.QpsLimitForApi',
    });
    expect(server.calls('POST /v1.0/robot/groupMessages/send')).toHaveLength(4);
  });

  it('types other failures: card error codes, old errcodes, the HTML IP ban, network errors', async () => {
    const { client } = await setup({
      'POST /v1.0/card/instances/createAndDeliver': () => ({
        status: 400,
        json: { code: 'param.templateNotExist', message: '模板不存在', requestid: 'req-9' },
      }),
      'POST /topapi/v2/user/getuserinfo': () => ({ json: { errcode: 40078, errmsg: '不存在的临时授权码' } }),
      'POST /topapi/v2/user/list': () => ({ status: 200, text: '<!DOCTYPE html><html>denied</html>' }),
    });
    const card = await rejection(
      client.createAndDeliverCard({
        cardTemplateId: 't',
        outTrackId: 'o',
        callbackType: 'STREAM',
        cardData: { cardParamMap: {} },
        openSpaceId: 'dtv1.card//IM_ROBOT.u1',
      }),
    );
    expect(card).toMatchObject({ code: 'param.templateNotExist', httpStatus: 400, requestId: 'req-9' });
    expect(await rejection(client.userByAuthCode('used'))).toMatchObject({ code: '40078' });
    expect(await rejection(client.listDepartmentUsers('1'))).toMatchObject({ code: 'IP_BANNED' });
    const offline = new DingTalkClient({
      apiBase: 'http://127.0.0.1:9',
      oapiBase: 'http://127.0.0.1:9',
      clientId: 'x',
      clientSecret: 'y',
      agentId: '1',
      robotCode: 'x',
      tokenStore: new MemoryTokenStore(),
      logger: captureLogger().logger,
    });
    expect(await rejection(offline.accessToken())).toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('calls', () => {
  it('robot batchSend: batches of 20 users, msgParam as a JSON string, merged result', async () => {
    let n = 0;
    const { client, server } = await setup({
      'POST /v1.0/robot/oToMessages/batchSend': (req) => {
        const { userIds } = req.body as { userIds: string[] };
        n += 1;
        return {
          json: {
            processQueryKey: `k${n}`,
            invalidStaffIdList: userIds.filter((u) => u === 'ghost'),
            flowControlledStaffIdList: [],
          },
        };
      },
    });
    const users = [...Array.from({ length: 44 }, (_, i) => `u${i}`), 'ghost'];
    const result = await client.sendRobotToUsers(users, message);
    const calls = server.calls('POST /v1.0/robot/oToMessages/batchSend');
    expect(calls.map((c) => (c.body as { userIds: string[] }).userIds.length)).toEqual([20, 20, 5]);
    expect(calls[0]?.body).toMatchObject({
      robotCode: 'dingclient',
      msgKey: 'sampleText',
      msgParam: '{"content":"你好"}',
    });
    expect(result).toEqual({
      processQueryKeys: ['k1', 'k2', 'k3'],
      invalidStaffIdList: ['ghost'],
      flowControlledStaffIdList: [],
    });
  });

  it('group send refuses a msgParam over 15000 bytes before calling', async () => {
    const { client, server } = await setup({ 'POST /v1.0/robot/groupMessages/send': groupOk });
    await expect(
      client.sendRobotToGroup('c', { msgKey: 'sampleText', msgParam: { content: '长'.repeat(5_001) } }),
    ).rejects.toThrow(RangeError);
    expect(server.calls('POST /v1.0/robot/groupMessages/send')).toHaveLength(0);
  });

  it('card update patches by key with PUT /v1.0/card/instances', async () => {
    const { client, server } = await setup({
      'PUT /v1.0/card/instances': () => ({ json: { success: true, result: true } }),
    });
    await client.updateCard({ outTrackId: 'kelian-1', cardParamMap: { status: 'claimed' } });
    expect(server.calls('PUT /v1.0/card/instances')[0]?.body).toEqual({
      outTrackId: 'kelian-1',
      cardData: { cardParamMap: { status: 'claimed' } },
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
      userIdType: 1,
    });
  });

  it('registers the HTTP card callback route (forceUpdate, so a changed URL or secret takes effect)', async () => {
    const { client, server } = await setup({
      'POST /v1.0/card/callbacks/register': () => ({ json: { success: true, result: {} } }),
    });
    await client.registerCardCallback({
      routeKey: 'kelian',
      url: 'https://crm.example/dingtalk/card',
      apiSecret: 'card-secret',
    });
    expect(server.calls('POST /v1.0/card/callbacks/register')[0]?.body).toEqual({
      callbackRouteKey: 'kelian',
      callbackUrl: 'https://crm.example/dingtalk/card',
      apiSecret: 'card-secret',
      forceUpdate: true,
    });
  });

  it('work notification: agent_id as a number, user lists split by 100, departments by 20', async () => {
    let task = 0;
    const { client, server } = await setup({
      'POST /topapi/message/corpconversation/asyncsend_v2': () => ({
        json: { errcode: 0, task_id: ++task, request_id: 'r' },
      }),
    });
    const ids = await client.sendWorkNotification(
      { userIds: Array.from({ length: 150 }, (_, i) => `u${i}`), deptIds: ['7'] },
      { msgtype: 'text', text: { content: '提醒' } },
    );
    expect(ids).toEqual(['1', '2', '3']);
    const calls = server.calls('POST /topapi/message/corpconversation/asyncsend_v2');
    expect(calls[0]?.query.get('access_token')).toBe('tok-1');
    expect(calls[0]?.body).toMatchObject({
      agent_id: 3000001,
      msg: { msgtype: 'text', text: { content: '提醒' } },
    });
    expect((calls[0]?.body as { userid_list: string } | undefined)?.userid_list.split(',')).toHaveLength(100);
    expect(calls[2]?.body).toMatchObject({ dept_id_list: '7' });
  });

  it('JSAPI ticket is cached; dd.config carries a signature over it', async () => {
    const { client, server } = await setup({
      'GET /get_jsapi_ticket': () => ({
        json: { errcode: 0, errmsg: 'ok', ticket: 'tkt-abc', expires_in: 7200 },
      }),
    });
    const a = await client.jsapiConfig('https://crm.example/app#/home');
    await client.jsapiConfig('https://crm.example/app');
    expect(server.calls('GET /get_jsapi_ticket')).toHaveLength(1);
    expect(a.agentId).toBe('3000001');
    expect(a.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.signature).toBe(
      jsapiSignature({
        ticket: 'tkt-abc',
        nonceStr: a.nonceStr,
        timeStamp: a.timeStamp,
        url: 'https://crm.example/app',
      }),
    );
  });

  it('departments breadth first; users through every cursor page', async () => {
    const tree: Record<string, Array<{ dept_id: number; name: string; parent_id: number }>> = {
      '1': [{ dept_id: 2, name: '销售部', parent_id: 1 }],
      '2': [{ dept_id: 3, name: '华东组', parent_id: 2 }],
      '3': [],
    };
    const { client, server } = await setup({
      'POST /topapi/v2/department/listsub': (req) => ({
        json: { errcode: 0, result: tree[String((req.body as { dept_id: number }).dept_id)] },
      }),
      'POST /topapi/v2/user/list': (req) => {
        const { cursor } = req.body as { cursor: number };
        return cursor === 0
          ? {
              json: {
                errcode: 0,
                result: {
                  has_more: true,
                  next_cursor: 100,
                  list: [{ userid: 'u1', name: '张三', mobile: '13800000000', dept_id_list: [2] }],
                },
              },
            }
          : {
              json: {
                errcode: 0,
                result: {
                  has_more: false,
                  list: [{ userid: 'u2', name: '李四', dept_id_list: [2, 3], active: true, leader: true }],
                },
              },
            };
      },
    });
    expect((await client.listAllDepartments()).map((d) => d.id)).toEqual(['2', '3']);
    expect(await client.listDepartmentUsers('2')).toEqual([
      { userId: 'u1', name: '张三', mobile: '13800000000', departmentIds: ['2'], leads: [] },
      // `leader` on user/list speaks of the department listed.
      { userId: 'u2', name: '李四', departmentIds: ['2', '3'], active: true, leads: ['2'] },
    ]);
    expect(server.calls('POST /topapi/v2/user/list').map((c) => c.body)).toEqual([
      { dept_id: 2, cursor: 0, size: 100 },
      { dept_id: 2, cursor: 100, size: 100 },
    ]);
  });

  it('sessionWebhook replies go only to the configured oapi host', async () => {
    const { client, server } = await setup({
      'POST /robot/sendBySession': () => ({ json: { errcode: 0, errmsg: 'ok' } }),
    });
    await client.replyBySessionWebhook(`${server.base}/robot/sendBySession?session=s1`, {
      msgtype: 'text',
      text: { content: '收到' },
    });
    expect(server.calls('POST /robot/sendBySession')[0]?.query.get('session')).toBe('s1');
    expect(
      await rejection(client.replyBySessionWebhook('http://169.254.169.254/latest', { msgtype: 'text' })),
    ).toMatchObject({
      code: 'FOREIGN_WEBHOOK',
    });
  });
});
