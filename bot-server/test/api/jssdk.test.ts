// JS-SDK configuration for the mini-app's h5 pages, checked with the platforms' own formulas: WeCom
// through @wecom/crypto, DingTalk recomputed from the reference (§7.2), with the tickets the
// sandbox platforms actually issued.
import { createHash } from 'node:crypto';
import { getJsApiSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { sandboxOf } from '../support/sandbox.js';
import type { RunningServer } from '../support/server.js';
import { startTestServer } from '../support/server.js';
import { apiClient } from './support.js';

const PUBLIC_URL = 'https://crm.example.com';
let server: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer({ SANDBOX: 'true', PUBLIC_URL });
  api = apiClient(server);
});
afterAll(() => server.stop());

// The ticket the stand-in platform has live; asking again within its lifetime returns the same one.
const liveTicket = (platform: 'wecom' | 'dingtalk', kind: string) =>
  sandboxOf(server).state[platform].tickets.issue(kind, 7_200_000, false).token;

const signedUrl = (page: string) => `?url=${encodeURIComponent(page)}`;

describe('WeCom', () => {
  const page = `${PUBLIC_URL}/app/?from=wecom&name=张伟`;

  test('config is signed with the corp jsapi_ticket over the page URL without its fragment', async () => {
    const res = await api(`/api/jssdk/wecom/config${signedUrl(`${page}#/pages/index`)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ corpId: 'wwkeliansandbox001', agentId: '1000002', url: page });
    const { timestamp, nonceStr, signature } = res.body;
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    const expected = getJsApiSignature({
      url: page,
      ticket: liveTicket('wecom', 'corp'),
      nonceStr,
      timestamp,
    });
    expect(signature).toBe(expected.signature);
  });

  test('agent-config is signed with the app ticket, not the corp ticket', async () => {
    const res = await api(`/api/jssdk/wecom/agent-config${signedUrl(page)}`);
    expect(res.status).toBe(200);
    const { timestamp, nonceStr, signature } = res.body;
    const withTicket = (ticket: string) =>
      getJsApiSignature({ url: page, ticket, nonceStr, timestamp }).signature;
    expect(signature).toBe(withTicket(liveTicket('wecom', 'agent:1000002')));
    expect(signature).not.toBe(withTicket(liveTicket('wecom', 'corp')));
  });

  test('no session is needed, and a fresh nonce comes with every answer', async () => {
    const [a, b] = await Promise.all([
      api(`/api/jssdk/wecom/config${signedUrl(page)}`),
      api(`/api/jssdk/wecom/config${signedUrl(page)}`),
    ]);
    expect(a.status).toBe(200);
    expect(a.body.nonceStr).not.toBe(b.body.nonceStr);
  });
});

describe('DingTalk', () => {
  test('dd.config is signed as the reference describes', async () => {
    const page = `http://localhost:${server.port}/app/?corpId=dingkeliansandboxcorp`;
    const res = await api(`/api/jssdk/dingtalk/config${signedUrl(`${page}#/home`)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ corpId: 'dingkeliansandboxcorp', agentId: '3000001', url: page });
    const { timeStamp, nonceStr, signature } = res.body;
    const ticket = liveTicket('dingtalk', 'jsapi');
    const expected = createHash('sha1')
      .update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timeStamp}&url=${page}`)
      .digest('hex');
    expect(signature).toBe(expected);
  });
});

describe('which pages are signed', () => {
  test.each([
    ['no url', ''],
    ['an empty url', signedUrl('')],
    ['two urls', `${signedUrl(`${PUBLIC_URL}/a`)}&url=${encodeURIComponent(`${PUBLIC_URL}/b`)}`],
    ['a relative url', signedUrl('/app/')],
    ['a javascript: url', signedUrl('javascript:alert(1)')],
    ['an ftp url', signedUrl('ftp://crm.example.com/app/')],
    ['another site', signedUrl('https://evil.example.com/app/')],
    ['a look-alike host', signedUrl('https://crm.example.com.evil.example/app/')],
    ['the public host over another scheme', signedUrl('http://crm.example.com/app/')],
    ['an overlong url', signedUrl(`${PUBLIC_URL}/app/?q=${'x'.repeat(2100)}`)],
  ])('%s → 400 naming url', async (_, query) => {
    for (const route of ['wecom/config', 'wecom/agent-config', 'dingtalk/config']) {
      const res = await api(`/api/jssdk/${route}${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        type: 'urn:kelian:problem:invalid-request',
        errors: [{ field: 'url', message: expect.stringMatching(/\p{Script=Han}/u) }],
      });
    }
  });

  test('pages on this machine are signed in sandbox mode', async () => {
    for (const host of ['localhost:10086', '127.0.0.1:3000', '[::1]']) {
      expect((await api(`/api/jssdk/wecom/config${signedUrl(`http://${host}/app/`)}`)).status).toBe(200);
    }
  });
});
