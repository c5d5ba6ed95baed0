// The going-live checklist and the org sync's 立即同步 (issue 19), driven against the sandbox: in its
// good state, then with the failures a company meets on its first day (an untrusted egress IP, a
// wrong secret, the Stream connection down, nobody administering, a plain-http public URL). Each
// failure is injected the way the platform itself would answer (the sandbox's switches), and the
// test reads what an administrator reads: each line's status, its words and what to do.
import { sandboxWeCom } from '@kelian/config';
import { encrypt, getSignature } from '@wecom/crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { apiClient } from '../api/support.js';
import { settleJobs } from '../support/jobs.js';
import { type RunningServer, startTestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail';
  title: string;
  detail: string;
  fix: string | null;
}

let server: RunningServer;
let db: pg.Pool;
let api: ReturnType<typeof apiClient>;

async function start(env: Record<string, string>) {
  await resetDatabase(testDbUrl());
  server = await startTestServer(env);
  api = apiClient(server);
  db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  await settleJobs(db);
}

async function tokenOf(name: string): Promise<string> {
  const { rows } = await db.query<{ id: number }>('select id from app_user where name = $1', [name]);
  const res = await api('/api/auth/sandbox', { body: { userId: rows[0]!.id } });
  expect(res.status).toBe(200);
  return res.body.token;
}

async function checklist(token: string): Promise<Record<string, Check>> {
  const res = await api('/api/admin/checklist', { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Object.fromEntries(res.body.checks.map((c: Check) => [c.id, c]));
}

const arm = (body: object) => api('/sandbox/api/switches', { body });
const clearSwitches = () => api('/sandbox/api/switches', { method: 'DELETE' });

describe('a server reachable over HTTPS', () => {
  let admin: string;
  beforeAll(async () => {
    await start({ PUBLIC_URL: 'https://kelian.example.com' });
    admin = await tokenOf('徐明');
  });
  afterAll(async () => {
    await clearSwitches();
    await settleJobs(db);
    await server.stop();
    await db.end();
  });

  test('in the good state every line passes but the callback WeCom has not verified yet', async () => {
    const checks = await checklist(admin);
    expect(Object.keys(checks)).toEqual([
      'public-url',
      'administrators',
      'wecom.callback',
      'wecom.token',
      'dingtalk.token',
      'dingtalk.stream',
      'dingtalk.card-template',
      'org-sync.wecom',
      'org-sync.dingtalk',
    ]);
    for (const id of ['public-url', 'wecom.token', 'dingtalk.token', 'dingtalk.stream'])
      expect(checks[id], id).toMatchObject({ status: 'ok', fix: null });
    expect(checks['public-url']!.detail).toContain('https://kelian.example.com');
    expect(checks['org-sync.wecom']).toMatchObject({ status: 'ok', title: '企业微信通讯录已同步' });
    expect(checks['org-sync.wecom']!.detail).toMatch(
      /同步成功，共 \d+ 人、\d+ 个部门；本次人员无变化，部门无变化$/,
    );
    expect(checks['dingtalk.card-template']!.status).not.toBe('fail');
    expect(checks['wecom.callback']).toMatchObject({ status: 'warn' });
    expect(checks['wecom.callback']!.detail).toContain('尚未收到企业微信的回调验证');
    expect(checks['wecom.callback']!.fix).toContain('企业微信管理后台 → 应用管理');
    expect(checks['wecom.callback']!.fix).toContain('https://kelian.example.com/wecom/callback');
  });

  test("once WeCom's URL verification was answered, the line says when", async () => {
    const { token, encodingAesKey, corpId } = sandboxWeCom;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const echostr = encrypt(encodingAesKey, '1616140317555161061', corpId);
    const signature = getSignature(token, timestamp, '42', echostr);
    const forged = await fetch(
      `${server.url}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=42&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(forged.status).toBe(401);
    expect((await checklist(admin))['wecom.callback']!.status).toBe('warn');
    const res = await fetch(
      `${server.url}/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=42&echostr=${encodeURIComponent(echostr)}`,
    );
    expect(await res.text()).toBe('1616140317555161061');
    const check = (await checklist(admin))['wecom.callback']!;
    expect(check).toMatchObject({ status: 'ok', fix: null });
    expect(check.detail).toMatch(/^URL 验证已通过 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  test('60020: the untrusted egress IP is named, with where to add it', async () => {
    await arm({ platform: 'wecom', api: 'gettoken', errcode: 60020 });
    const check = (await checklist(admin))['wecom.token']!;
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('60020');
    expect(check.detail).toContain('127.0.0.1');
    expect(check.fix).toBe(
      '企业微信管理后台 → 应用管理 → 自建 → 客联 → 开发者接口 → 企业可信IP → 配置：添加 127.0.0.1，保存后点 重新检查。',
    );
    // Checked live: the next look, with the switch spent, passes again.
    expect((await checklist(admin))['wecom.token']!.status).toBe('ok');
  });

  test('40001, 40013 and 48002 each say what is wrong and which setting to fix', async () => {
    const expected: [number, string][] = [
      [40001, 'WECOM_SECRET'],
      [40013, 'WECOM_CORP_ID'],
      [48002, '可调用接口的应用'],
    ];
    for (const [errcode, setting] of expected) {
      await arm({ platform: 'wecom', api: 'gettoken', errcode });
      const check = (await checklist(admin))['wecom.token']!;
      expect(check.status, String(errcode)).toBe('fail');
      expect(check.detail).toContain(String(errcode));
      expect(check.fix).toContain(setting);
    }
  });

  test('a DingTalk secret refused is named with the console to fix it in', async () => {
    await arm({ platform: 'dingtalk', api: 'v1.0/oauth2/accessToken', failure: 'no_permission' });
    const check = (await checklist(admin))['dingtalk.token']!;
    expect(check.status).toBe('fail');
    expect(check.fix).toContain('钉钉开发者后台 → 应用开发 → 企业内部应用 → 客联');
  });

  test('a lone administrator is warned about until a second one is named', async () => {
    expect((await checklist(admin)).administrators).toMatchObject({
      status: 'ok',
      detail: '共有 2 位管理员',
      fix: null,
    });
    const roles = await api('/api/roles', { token: admin });
    const adminRole = roles.body.items.find((r: { code: string }) => r.code === 'admin');
    const { rows } = await db.query<{ id: number }>("select id from app_user where name = '王建国'");
    const path = `/api/admin/users/${rows[0]!.id}/roles/${adminRole.id}`;
    expect((await api(path, { method: 'DELETE', token: admin })).status).toBe(200);
    const lone = (await checklist(admin)).administrators!;
    expect(lone).toMatchObject({ status: 'warn', title: '已设置管理员' });
    expect(lone.detail).toContain('只有 1 位管理员');
    expect(lone.fix).toContain('管理后台 → 成员');
    expect((await api(path, { method: 'PUT', token: admin, body: { scope: 'all' } })).status).toBe(200);
    expect((await checklist(admin)).administrators!.status).toBe('ok');
  });

  test('with nobody administering, nobody can read the checklist (the server says so on /readyz)', async () => {
    const held = await db.query(
      `delete from role_assignment where role_id in (select id from role where code = 'admin') returning *`,
    );
    try {
      // 徐明's session reads the checklist no more: the server refuses non-administrators.
      expect((await api('/api/admin/checklist', { token: admin })).status).toBe(403);
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { details: unknown[] };
      expect(ready.details).toEqual([expect.objectContaining({ code: 'no-administrator' })]);
    } finally {
      for (const row of held.rows)
        await db.query(
          'insert into role_assignment select * from json_populate_record(null::role_assignment, $1)',
          [JSON.stringify(row)],
        );
    }
    expect((await checklist(admin)).administrators!.status).toBe('ok');
  });

  test('only administrators may read the checklist or sync: a rep and a manager are refused', async () => {
    for (const name of ['张伟', '李娜']) {
      const token = await tokenOf(name);
      for (const [method, path] of [
        ['GET', '/api/admin/checklist'],
        ['GET', '/api/admin/org-sync'],
        ['POST', '/api/admin/org-sync/run'],
      ] as const) {
        const res = await api(path, { method, token });
        expect(res.status, `${name} ${method} ${path}`).toBe(403);
        expect(res.body.title).toBe('只有管理员可以查看上线检查与通讯录同步');
      }
    }
    expect(
      (await db.query('select count(*)::int as n from org_sync_run where requested_by_id is not null'))
        .rows[0].n,
    ).toBe(0);
  });

  test('立即同步 queues a sync per platform, audited; a second while it runs is refused', async () => {
    const before = await api('/api/admin/org-sync', { token: admin });
    expect(before.body.items.map((i: { platform: string }) => i.platform)).toEqual(['wecom', 'dingtalk']);
    expect(before.body.items[0].latest).toMatchObject({ outcome: 'succeeded', requestedBy: null });
    // Slow DingTalk's directory down (its sync runs after WeCom's) so it is still running later on.
    await arm({ platform: 'dingtalk', api: 'topapi/v2/department/listsub', latencyMs: 2500, times: 2 });
    const run = await api('/api/admin/org-sync/run', { method: 'POST', token: admin });
    expect(run.status).toBe(202);
    expect(run.body.items).toMatchObject([
      { platform: 'wecom', outcome: 'queued', requestedBy: { name: '徐明' } },
      { platform: 'dingtalk', outcome: 'queued', requestedBy: { name: '徐明' } },
    ]);
    const again = await api('/api/admin/org-sync/run', { method: 'POST', token: admin });
    expect(again.status).toBe(409);
    const refused = {
      type: 'urn:kelian:problem:org-sync-running',
      title: '通讯录正在同步，请等这次同步结束后再试',
    };
    expect(again.body).toMatchObject(refused);
    // Refused again once DingTalk's sync runs and nothing waits in the queue any more.
    await waitFor(
      async () => {
        const status = await api('/api/admin/org-sync', { token: admin });
        return status.body.items[1].latest.outcome === 'running' ? true : undefined;
      },
      10_000,
      "DingTalk's sync to run",
    );
    const whileRunning = await api('/api/admin/org-sync/run', { method: 'POST', token: admin });
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body).toMatchObject(refused);
    const audit = await db.query(
      `select a.action, a.changes, u.name from audit_log a join app_user u on u.id = a.actor_id
        where object_type = 'orgSyncRun' order by a.id`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'create',
        name: '徐明',
        changes: { platform: { before: null, after: 'wecom' }, outcome: { before: null, after: 'queued' } },
      },
      {
        action: 'create',
        name: '徐明',
        changes: {
          platform: { before: null, after: 'dingtalk' },
          outcome: { before: null, after: 'queued' },
        },
      },
    ]);
    await settleJobs(db);
    const after = await api('/api/admin/org-sync', { token: admin });
    for (const item of after.body.items)
      expect(item.latest).toMatchObject({
        id: expect.any(Number),
        outcome: 'succeeded',
        requestedBy: { name: '徐明' },
      });
    expect(after.body.items[0].latest.report.users).toMatchObject({ created: 0 });
    // Finished: 立即同步 may be asked again.
    expect((await api('/api/admin/org-sync/run', { method: 'POST', token: admin })).status).toBe(202);
    await settleJobs(db);
  });

  test('a failed sync fails its line with the platform’s reason', async () => {
    await arm({ platform: 'wecom', api: 'department/list', errcode: 60011, times: 1 });
    expect((await api('/api/admin/org-sync/run', { method: 'POST', token: admin })).status).toBe(202);
    const check = await waitFor(
      async () => {
        const c = (await checklist(admin))['org-sync.wecom']!;
        return c.status === 'fail' ? c : undefined;
      },
      15_000,
      'the failed sync',
    );
    expect(check.detail).toContain('同步失败');
    expect(check.detail).toContain('60011');
    expect(check.detail).toMatch(/上次成功同步于/);
    // WeCom's refusal inside the failure is advised on like the token's: here the app's visibility.
    expect(check.fix).toContain('可见范围');
  });

  test('the DingTalk Stream connection down fails its line until it is back', async () => {
    // The gateway refuses new connections, and the server rotates the current one away.
    await arm({ platform: 'dingtalk', api: 'v1.0/gateway/connections/open', failure: 'busy', times: 1000 });
    await api('/sandbox/api/switches/stream-disconnect', { body: { graceMs: 0 } });
    const down = await waitFor(
      async () => {
        const c = (await checklist(admin))['dingtalk.stream']!;
        return c.status === 'fail' ? c : undefined;
      },
      15_000,
      'the stream to be down',
    );
    expect(down.detail).toContain('Stream 连接断开');
    expect(down.fix).toContain('Stream 模式');
    await clearSwitches();
    await waitFor(
      async () => ((await checklist(admin))['dingtalk.stream']!.status === 'ok' ? true : undefined),
      70_000,
      'the stream to be back',
    );
  }, 90_000);
});

describe('a server on plain http (no PUBLIC_URL: its own address)', () => {
  beforeAll(() => start({}));
  afterAll(async () => {
    await server.stop();
    await db.end();
  });

  test('fails the HTTPS line with how to fix it', async () => {
    const check = (await checklist(await tokenOf('徐明')))['public-url']!;
    expect(check).toMatchObject({ status: 'fail', title: '公网地址使用 HTTPS' });
    expect(check.detail).toContain(`客联的公网地址是 ${server.url}，不是 HTTPS`);
    expect(check.fix).toContain('PUBLIC_URL');
  });
});
