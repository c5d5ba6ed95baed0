// Requests that are genuine but must not count twice or without end: a signed lead-webhook request
// replayed inside its five-minute window, and a client signing in over and over. The server here
// runs with the default sign-in limit, as a newly installed Kelian does.
import { request } from 'node:http';
import { sandboxLeadWebhookSecret } from '@kelian/config';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { leadSignature } from '../../src/api/leads/signature.js';
import { apiClient } from '../api/support.js';
import { postInbound } from '../leads/support.js';
import { runJob, settleJobs } from '../support/jobs.js';
import { type RunningServer, startTestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

let server: RunningServer;
let db: pg.Pool;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  await resetDatabase(testDbUrl());
  // '' is "not set": the configuration's own default (30 a minute), not the test servers' lifted one.
  server = await startTestServer({ AUTH_ATTEMPTS_PER_MINUTE: '' });
  db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  api = apiClient(server);
  await settleJobs(db);
});
afterAll(async () => {
  await settleJobs(db);
  await server?.stop();
  await db?.end();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
const leadsOf = (company: string) =>
  count('select count(*)::int as n from lead where company = $1', [company]);
const cardsOf = (company: string) =>
  count(
    `select count(*)::int as n from card_instance c join lead l on c.object_type = 'lead' and c.object_id = l.id::text
      where l.company = $1`,
    [company],
  );

/** One signed request, sent as often as asked: the very same bytes and headers each time. */
async function sendSigned(body: unknown, times: number) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = leadSignature(sandboxLeadWebhookSecret, timestamp, raw);
  const answers = [];
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${server.url}/api/leads/inbound`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kelian-timestamp': timestamp,
        'x-kelian-signature': signature,
      },
      body: raw,
    });
    // JSON.parse is typed `any`: a test reads whatever shape the answer has.
    answers.push({ status: res.status, body: JSON.parse(await res.text()) });
  }
  return answers;
}

describe('the lead webhook accepts each signed request once', () => {
  test('a request without externalId replayed within its window: the first creates the lead, the replays get 409', async () => {
    const company = '北京重放测试科技有限公司';
    const [first, ...replays] = await sendSigned({ company, contactName: '钱伟', region: '北京' }, 4);
    expect(first!.status).toBe(201);
    expect(first!.body).toMatchObject({ duplicate: false, routedTo: '华北销售部' });
    for (const replay of replays) {
      expect(replay.status).toBe(409);
      expect(replay.body.type).toBe('urn:kelian:problem:replayed-request');
      expect(replay.body.title).toBe('该请求已处理过，请勿重放');
    }
    // One round of cards (WeCom and DingTalk) for the one lead, not one per send.
    await waitFor(async () => ((await cardsOf(company)) >= 2 ? true : undefined));
    await settleJobs(db);
    expect(await leadsOf(company)).toBe(1);
    expect(await cardsOf(company)).toBe(2);
  });

  test('replays sent at the same moment still make one lead', async () => {
    const company = '上海并发重放有限公司';
    const raw = JSON.stringify({ company, region: '上海' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/json',
      'x-kelian-timestamp': timestamp,
      'x-kelian-signature': leadSignature(sandboxLeadWebhookSecret, timestamp, raw),
    };
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${server.url}/api/leads/inbound`, { method: 'POST', headers, body: raw }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses.sort()).toEqual([201, 409, 409, 409]);
    expect(await leadsOf(company)).toBe(1);
  });

  test('with an externalId a replay is still answered "duplicate" with the lead, as before', async () => {
    const company = '天津表单去重有限公司';
    const [first, again] = await sendSigned({ company, region: '天津', externalId: 'form-replay-1' }, 2);
    expect(first!.status).toBe(201);
    expect(again!.status).toBe(200);
    expect(again!.body).toEqual({ id: first!.body.id, duplicate: true, routedTo: first!.body.routedTo });
    expect(await leadsOf(company)).toBe(1);
  });

  test('the same lead signed anew (another second) is a new request and is accepted', async () => {
    const company = '河北再次提交有限公司';
    const now = Math.floor(Date.now() / 1000);
    expect((await postInbound(server, { company, region: '河北' }, { timestamp: now - 2 })).status).toBe(201);
    expect((await postInbound(server, { company, region: '河北' }, { timestamp: now - 1 })).status).toBe(201);
    expect(await leadsOf(company)).toBe(2);
  });
});

/** POST from a chosen loopback address, so two clients can be told apart without trusting a header. */
function signInFrom(localAddress: string, body: unknown, headers: Record<string, string> = {}) {
  const url = new URL('/api/auth/sandbox', server.url);
  return new Promise<{
    status: number;
    retryAfter: string | undefined;
    body: { type?: string; title?: string };
  }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: text === '' ? {} : JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('sign-in attempts per client and minute', () => {
  test('the 31st attempt in a minute gets 429 with Retry-After; other clients and other routes are not held up', async () => {
    // The counter is per clock minute: start early in one, so all 31 attempts fall into it.
    const second = await count(`select extract(second from now())::int as n`);
    if (second > 45) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const nobody = { userId: 999_999 };
    for (let i = 1; i <= 30; i++) {
      const res = await signInFrom('127.0.0.1', nobody);
      expect(res.status, `attempt ${i}`).toBe(403);
    }
    const userId = await count(`select id as n from app_user where name = '张伟'`);
    const sessions = await count('select count(*)::int as n from session');
    const limited = await signInFrom('127.0.0.1', { userId });
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('urn:kelian:problem:too-many-attempts');
    expect(limited.body.title).toMatch(/^登录尝试过于频繁，请 \d+ 秒后再试$/);
    const wait = Number(limited.retryAfter);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(limited.body.title).toBe(`登录尝试过于频繁，请 ${wait} 秒后再试`);
    expect(await count('select count(*)::int as n from session')).toBe(sessions);
    // Without TRUST_PROXY nobody stands in front: naming another address in X-Forwarded-For changes
    // nothing, so the limit cannot be dodged that way.
    const disguised = await signInFrom('127.0.0.1', { userId }, { 'x-forwarded-for': '10.20.30.40' });
    expect(disguised.status).toBe(429);

    // Another client signs in as usual; the held-up one may still read the login options.
    const other = await signInFrom('127.0.0.2', { userId });
    expect(other.status).toBe(200);
    expect((await api('/api/auth/options')).status).toBe(200);
  });
});

describe('the nightly cleanup', () => {
  test('forgets signatures past their window and old sign-in counts, and keeps the ones still in use', async () => {
    await db.query(
      `insert into webhook_replay (signature, expires_at) values
         ('sha256=spent', now() - interval '1 minute'), ('sha256=live', now() + interval '5 minutes')`,
    );
    await db.query(
      `insert into rate_counter (key, window_start, count) values
         ('sign-in:old', date_trunc('minute', now()) - interval '1 day', 31),
         ('sign-in:now', date_trunc('minute', now()), 3)`,
    );
    await runJob(server, db, 'housekeeping.cleanup', {});
    const signatures = await db.query(
      `select signature from webhook_replay where signature in ('sha256=spent', 'sha256=live')`,
    );
    expect(signatures.rows).toEqual([{ signature: 'sha256=live' }]);
    const counters = await db.query(`select key from rate_counter where key like 'sign-in:%' order by key`);
    expect(counters.rows.map((r) => r.key)).toContain('sign-in:now');
    expect(counters.rows.map((r) => r.key)).not.toContain('sign-in:old');
  });
});
