// Outside sandbox mode the demo-user picker does not exist, and without credentials neither
// platform is configured: their logins and signatures say so instead of failing obscurely.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import type { RunningServer } from '../support/server.js';
import { startTestServer } from '../support/server.js';
import { apiClient } from './support.js';

let server: RunningServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  await resetDatabase(testDbUrl());
  server = await startTestServer({ SANDBOX: 'false' });
  api = apiClient(server);
});
afterAll(() => server.stop());

test('the sandbox user picker answers 404', async () => {
  for (const res of [
    await api('/api/auth/sandbox/users'),
    await api('/api/auth/sandbox', { body: { userId: 1 } }),
  ]) {
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:kelian:problem:not-found');
  }
});

test('logins and JS-SDK signatures of an unconfigured platform answer 404 platform-not-configured', async () => {
  const wecom = await api('/api/auth/wecom', { body: { code: 'abc' } });
  expect(wecom.status).toBe(404);
  expect(wecom.body).toMatchObject({
    type: 'urn:kelian:problem:platform-not-configured',
    title: '客联尚未接入企业微信',
  });
  const dingtalk = await api('/api/auth/dingtalk', { body: { code: 'abc' } });
  expect(dingtalk.body).toMatchObject({
    type: 'urn:kelian:problem:platform-not-configured',
    title: '客联尚未接入钉钉',
  });
  const url = encodeURIComponent('http://localhost:3000/app/');
  for (const route of ['wecom/config', 'wecom/agent-config', 'dingtalk/config']) {
    const res = await api(`/api/jssdk/${route}?url=${url}`);
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('urn:kelian:problem:platform-not-configured');
  }
});

test('/api/me still requires a session', async () => {
  expect((await api('/api/me')).status).toBe(401);
});
