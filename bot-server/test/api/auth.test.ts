// Signing in to the mini-app with what WeCom and DingTalk hand the page, against the sandbox's
// stand-in platforms and the real database: codes in, a bearer session out, /api/me behind it.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { settleJobs } from '../support/jobs.js';
import { sandboxOf } from '../support/sandbox.js';
import type { RunningServer } from '../support/server.js';
import { startTestServer } from '../support/server.js';
import { apiClient } from './support.js';

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let db: pg.Pool;

beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer({ SANDBOX: 'true' });
  api = apiClient(server);
  db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
  // The start-up org sync would link a platform id a test has just unlinked.
  await settleJobs(db);
});
afterAll(async () => {
  await server.stop();
  await db.end();
});

const DAY = 24 * 60 * 60 * 1000;

const loginCode = (platform: 'wecom' | 'dingtalk', user: string, kind?: 'oauth' | 'miniprogram') =>
  sandboxOf(server).actions.issueLoginCode({ platform, user, ...(kind ? { kind } : {}) });

const sessionCount = async () =>
  (await db.query<{ n: number }>('select count(*)::int as n from session')).rows[0]!.n;

const sessionRow = async (token: string) =>
  (
    await db.query<{ user_id: number; via: string; created_at: Date; expires_at: Date }>(
      'select user_id, via, created_at, expires_at from session where token_hash = $1',
      [createHash('sha256').update(token).digest('hex')],
    )
  ).rows[0];

async function signIn(platform: 'wecom' | 'dingtalk', user: string): Promise<string> {
  const res = await api(`/api/auth/${platform}`, { body: { code: loginCode(platform, user) } });
  expect(res.status).toBe(200);
  return res.body.token;
}

describe('WeCom', () => {
  test('an OAuth code from the authorize redirect signs 张伟 in, and /api/me shows who he is', async () => {
    // The H5 flow: the page sends the person to WeCom's authorize URL and gets ?code= back.
    const authorize = new URL(`${server.url}/sandbox/wecom/connect/oauth2/authorize`);
    for (const [key, value] of Object.entries({
      appid: 'wwkeliansandbox001',
      redirect_uri: `${server.url}/app/`,
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'home',
      agentid: '1000002',
      sandbox_userid: 'ZhangWei',
    }))
      authorize.searchParams.set(key, value);
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;

    const login = await api('/api/auth/wecom', { body: { code } });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    expect(login.body).toMatchObject({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user: { name: '张伟', title: '销售经理', department: { name: '华北销售部' } },
    });
    const expiresIn = Date.parse(login.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(6.9 * DAY);
    expect(expiresIn).toBeLessThanOrEqual(7 * DAY);

    const me = await api('/api/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: login.body.user.id,
      name: '张伟',
      title: '销售经理',
      department: { id: expect.any(Number), name: '华北销售部' },
      administers: false,
      roles: [
        {
          code: 'sales',
          name: '销售',
          scope: 'self',
          scopeDepartment: { id: me.body.department.id, name: '华北销售部' },
        },
      ],
    });

    // Only the token's hash is stored.
    const row = await sessionRow(login.body.token);
    expect(row).toMatchObject({ user_id: login.body.user.id, via: 'wecom' });
    const { rows } = await db.query('select token_hash from session');
    expect(JSON.stringify(rows)).not.toContain(login.body.token);

    // The platform spends a code on its first use.
    const again = await api('/api/auth/wecom', { body: { code } });
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({
      type: 'urn:kelian:problem:invalid-login-code',
      title: '登录凭证无效或已过期，请重新进入应用',
    });
  });

  test('a made-up code is refused and creates no session', async () => {
    const before = await sessionCount();
    const res = await api('/api/auth/wecom', { body: { code: 'madeUpCode0000000000000000000000' } });
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:kelian:problem:invalid-login-code');
    expect(await sessionCount()).toBe(before);
  });

  test('a wx.qy.login code signs in through jscode2session; the session_key stays on the server', async () => {
    const res = await api('/api/auth/wecom', {
      body: { code: loginCode('wecom', 'LiuYang', 'miniprogram'), kind: 'miniprogram' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: '刘洋', department: { name: '华北销售部' } });
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key/i);
    expect((await api('/api/me', { token: res.body.token })).body.name).toBe('刘洋');
  });

  test('a code is only good for the flow that issued it', async () => {
    const oauthCode = loginCode('wecom', 'LiuYang');
    const res = await api('/api/auth/wecom', { body: { code: oauthCode, kind: 'miniprogram' } });
    expect(res.status).toBe(401);
  });
});

describe('DingTalk', () => {
  test('an auth code for 0100102 signs in the same Kelian user as WeCom ZhangWei', async () => {
    const res = await api('/api/auth/dingtalk', { body: { code: loginCode('dingtalk', '0100102') } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: '张伟', department: { name: '华北销售部' } });
    expect((await sessionRow(res.body.token))?.via).toBe('dingtalk');
    const me = await api('/api/me', { token: res.body.token });
    expect(me.body).toMatchObject({ name: '张伟', roles: [{ code: 'sales', scope: 'self' }] });
  });

  test('a spent or made-up auth code is refused', async () => {
    const code = loginCode('dingtalk', '0100103');
    expect((await api('/api/auth/dingtalk', { body: { code } })).status).toBe(200);
    const again = await api('/api/auth/dingtalk', { body: { code } });
    expect(again.status).toBe(401);
    expect(again.body.title).toBe('登录凭证无效或已过期，请重新进入应用');
    expect((await api('/api/auth/dingtalk', { body: { code: 'nope' } })).status).toBe(401);
  });
});

describe('who may sign in', () => {
  test('a platform user Kelian does not know gets 403 and no session', async () => {
    await db.query(`update app_user set wecom_user_id = null where wecom_user_id = 'GaoFei'`);
    const before = await sessionCount();
    const res = await api('/api/auth/wecom', { body: { code: loginCode('wecom', 'GaoFei') } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      type: 'urn:kelian:problem:no-account',
      title: '你还没有开通客联账号，请联系管理员',
    });
    expect(await sessionCount()).toBe(before);
  });

  test('a deactivated user loses their session and cannot sign in again', async () => {
    const token = await signIn('dingtalk', '0100104');
    expect((await api('/api/me', { token })).status).toBe(200);
    await db.query(`update app_user set active = false where dingtalk_user_id = '0100104'`);
    expect((await api('/api/me', { token })).status).toBe(401);
    const again = await api('/api/auth/dingtalk', { body: { code: loginCode('dingtalk', '0100104') } });
    expect(again.status).toBe(403);
  });
});

describe('platform trouble', () => {
  test('a platform failure other than a refused code is a 502, not the user’s fault, and signs no one in', async () => {
    const { switches } = sandboxOf(server).state;
    const before = await sessionCount();
    // 60020: the server's IP is not on the app's trusted list.
    switches.arm({ platform: 'wecom', api: 'auth/getuserinfo', times: 1, errcode: 60020 });
    const wecom = await api('/api/auth/wecom', { body: { code: loginCode('wecom', 'ZhaoMin') } });
    expect(wecom.status).toBe(502);
    expect(wecom.body).toMatchObject({
      type: 'urn:kelian:problem:platform-unavailable',
      title: '企业微信暂时无法访问，请稍后重试',
    });
    switches.arm({
      platform: 'dingtalk',
      api: 'topapi/v2/user/getuserinfo',
      times: 1,
      failure: 'no_permission',
    });
    const dingtalk = await api('/api/auth/dingtalk', { body: { code: loginCode('dingtalk', '0100201') } });
    expect(dingtalk.status).toBe(502);
    expect(dingtalk.body.title).toBe('钉钉暂时无法访问，请稍后重试');
    expect(await sessionCount()).toBe(before);
  });
});

describe('bad input changes nothing', () => {
  test.each([
    ['/api/auth/wecom', {}, 'code'],
    ['/api/auth/wecom', { code: '' }, 'code'],
    ['/api/auth/wecom', { code: 'x'.repeat(513) }, 'code'],
    ['/api/auth/wecom', { code: 'abc', kind: 'qrcode' }, 'kind'],
    ['/api/auth/dingtalk', { code: 12345 }, 'code'],
    ['/api/auth/sandbox', { userId: '张伟' }, 'userId'],
  ])('POST %s %j → 400 naming %s', async (path, body, field) => {
    const before = await sessionCount();
    const res = await api(path, { body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'urn:kelian:problem:invalid-request',
      errors: [{ field, message: expect.stringMatching(/\p{Script=Han}/u) }],
    });
    expect(await sessionCount()).toBe(before);
  });

  test('a code that fails validation is not sent to the platform, so it still works afterwards', async () => {
    const code = loginCode('wecom', 'LinFang');
    expect((await api('/api/auth/wecom', { body: { code, kind: 'qrcode' } })).status).toBe(400);
    expect((await api('/api/auth/wecom', { body: { code } })).status).toBe(200);
  });
});

describe('sessions', () => {
  test('no token, a garbled token or an unknown token is a 401 problem', async () => {
    const none = await api('/api/me');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ type: 'urn:kelian:problem:unauthenticated', title: '请先登录' });
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="kelian"');
    for (const token of ['garbled token', 'A'.repeat(43)]) {
      const res = await api('/api/me', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  test('logout ends the session, and logging out again is harmless', async () => {
    const token = await signIn('wecom', 'SunHao');
    const out = await api('/api/auth/logout', { method: 'POST', token });
    expect(out.status).toBe(204);
    expect(await sessionRow(token)).toBeUndefined();
    expect((await api('/api/me', { token })).status).toBe(401);
    expect((await api('/api/auth/logout', { method: 'POST', token })).status).toBe(204);
  });

  test('an expired session is refused', async () => {
    const token = await signIn('wecom', 'ZhouJie');
    await db.query(`update session set expires_at = now() - interval '1 second' where user_id = $1`, [
      (await sessionRow(token))!.user_id,
    ]);
    const res = await api('/api/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:kelian:problem:unauthenticated');
  });

  test('a session used after half its life is renewed for another week; a fresh one is left alone', async () => {
    const token = await signIn('wecom', 'WuTing');
    const fresh = (await sessionRow(token))!.expires_at;
    await api('/api/me', { token });
    expect((await sessionRow(token))!.expires_at).toEqual(fresh);

    const hash = createHash('sha256').update(token).digest('hex');
    await db.query(`update session set expires_at = now() + interval '2 days' where token_hash = $1`, [hash]);
    expect((await api('/api/me', { token })).status).toBe(200);
    const renewed = (await sessionRow(token))!.expires_at.getTime() - Date.now();
    expect(renewed).toBeGreaterThan(6.9 * DAY);
  });

  test('renewal never takes a session past 30 days from sign-in', async () => {
    const token = await signIn('wecom', 'HuangLei');
    const hash = createHash('sha256').update(token).digest('hex');
    await db.query(
      `update session set created_at = now() - interval '29 days', expires_at = now() + interval '1 day'
        where token_hash = $1`,
      [hash],
    );
    expect((await api('/api/me', { token })).status).toBe(200);
    const row = (await sessionRow(token))!;
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(30 * DAY);
  });
});

describe('the sandbox user picker', () => {
  test('lists the active demo users and signs in the one picked', async () => {
    await db.query(`update app_user set active = false where wecom_user_id = 'HeXiao'`);
    const list = await api('/api/auth/sandbox/users');
    expect(list.status).toBe(200);
    const zhang = list.body.users.find((u: { name: string }) => u.name === '张伟');
    expect(zhang).toEqual({
      id: expect.any(Number),
      name: '张伟',
      title: '销售经理',
      department: { id: expect.any(Number), name: '华北销售部' },
    });
    expect(list.body.users.map((u: { name: string }) => u.name)).not.toContain('何晓');

    const login = await api('/api/auth/sandbox', { body: { userId: zhang.id } });
    expect(login.status).toBe(200);
    expect((await sessionRow(login.body.token))?.via).toBe('sandbox');
    expect((await api('/api/me', { token: login.body.token })).body.name).toBe('张伟');
  });

  test('a user id that is not an active user gets 403', async () => {
    expect((await api('/api/auth/sandbox', { body: { userId: 999_999 } })).status).toBe(403);
  });
});
