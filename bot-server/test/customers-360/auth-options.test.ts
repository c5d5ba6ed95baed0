// GET /api/auth/options: before anyone signs in, the mini-app learns how this deployment signs
// people in — sandbox or not, and each platform's login parameters — instead of guessing from 404s.
import { sandboxDingTalk, sandboxWeCom } from '@kelian/config';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { authOptions } from '../../src/api/auth/options.js';
import { apiClient } from '../api/support.js';
import { type RunningServer, startTestServer } from '../support/server.js';

describe('in sandbox mode', () => {
  let server: RunningServer;
  beforeAll(async () => {
    await resetDatabase(testDbUrl());
    server = await startTestServer({ SANDBOX: 'true' });
  });
  afterAll(() => server.stop());

  test('both sandbox platforms, with this server as WeCom’s OAuth page; no session needed', async () => {
    const res = await apiClient(server)('/api/auth/options');
    expect(res.status).toBe(200);
    expect(authOptions.safeParse(res.body).error).toBeUndefined();
    expect(res.body).toEqual({
      sandbox: true,
      wecom: {
        corpId: sandboxWeCom.corpId,
        agentId: sandboxWeCom.agentId,
        oauthBase: `${server.url}/sandbox/wecom`,
      },
      dingtalk: { corpId: sandboxDingTalk.corpId, clientId: sandboxDingTalk.clientId },
    });
    // The OAuth page is really there.
    const page = await fetch(
      `${res.body.wecom.oauthBase}/connect/oauth2/authorize?appid=${sandboxWeCom.corpId}&redirect_uri=${encodeURIComponent(`${server.url}/app/`)}&response_type=code&scope=snsapi_base&state=s#wechat_redirect`,
      { redirect: 'manual' },
    );
    expect(page.status).toBeLessThan(400);
    const doc = await apiClient(server)('/api/openapi.json');
    expect(doc.body.paths['/api/auth/options'].get.security).toEqual([]);
  });
});

describe('with real WeCom credentials and no DingTalk', () => {
  let server: RunningServer;
  beforeAll(async () => {
    await resetDatabase(testDbUrl());
    server = await startTestServer({
      SANDBOX: 'false',
      WECOM_CORP_ID: 'ww0123456789abcdef',
      WECOM_AGENT_ID: '1000005',
      WECOM_SECRET: 'a-secret',
      WECOM_TOKEN: 'a-token',
      WECOM_ENCODING_AES_KEY: 'a'.repeat(43),
      WECOM_API_BASE: 'http://127.0.0.1:9',
    });
  });
  afterAll(() => server.stop());

  test('WeCom without an OAuth base (the client uses open.weixin.qq.com), DingTalk null', async () => {
    const res = await apiClient(server)('/api/auth/options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      sandbox: false,
      wecom: { corpId: 'ww0123456789abcdef', agentId: '1000005' },
      dingtalk: null,
    });
  });
});
