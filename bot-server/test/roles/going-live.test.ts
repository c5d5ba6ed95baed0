// Going live (issue 19): a company's directory synced into an empty database gives nobody a role.
// The sandbox without the demo company (SANDBOX_DEMO_DATA=false) plays that company: the configured
// administrators (ADMIN_USERS) are granted once the org sync brings them in, idempotently and
// audited; with nobody administering, /readyz says so and so does the bot to whoever writes, until
// `npm run admin -- grant` names one on the running server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { enqueueFullSyncs } from '../../src/bot/org/sync-jobs.js';
import { DingTalkDirectory } from '../../src/platforms/dingtalk/directory.js';
import { WeComDirectory } from '../../src/platforms/wecom/directory.js';
import { apiClient } from '../api/support.js';
import { settleJobs } from '../support/jobs.js';
import { textOf, waitForOutgoing } from '../support/sandbox.js';
import { type RunningServer, startTestServer } from '../support/server.js';
import { repoRoot } from '../support/server-process.js';
import { postCallback, sealedCallback, textMessageXml } from '../support/wecom-callback.js';

let server: RunningServer | undefined;
let db: pg.Pool | undefined;
afterEach(async () => {
  await server?.stop();
  await db?.end();
  server = undefined;
  db = undefined;
});

/** A fresh company: the sandbox's directory synced into an emptied database, no demo roles or data. */
async function goLive(env: Record<string, string> = {}) {
  await resetDatabase(testDbUrl());
  server = await startTestServer({ SANDBOX_DEMO_DATA: 'false', ...env });
  db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  await settleJobs(db);
  return { server, db };
}

const holders = async (pool: pg.Pool) =>
  (
    await pool.query<{ name: string; code: string; scope: string }>(
      `select u.name, r.code, a.scope from role_assignment a
         join app_user u on u.id = a.user_id join role r on r.id = a.role_id order by u.name, r.code`,
    )
  ).rows;

const count = async (pool: pg.Pool, sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]!.n;

const readyz = async (url: string) =>
  (await fetch(`${url}/readyz`)).json() as Promise<{ status: string; details?: unknown }>;

describe('a fresh company (SANDBOX_DEMO_DATA=false)', () => {
  test('gets the directory and the built-in roles, and nothing of the demo company', async () => {
    const { db } = await goLive({ ADMIN_USERS: '' });
    expect(await count(db, 'select count(*)::int as n from app_user where active')).toBe(21);
    // Customers only from the corp's WeCom external contacts (客户联系), none of the demo's 200.
    expect(
      await count(db, 'select count(*)::int as n from customer where wecom_external_user_id is null'),
    ).toBe(0);
    expect(await count(db, 'select count(*)::int as n from follow_up')).toBe(0);
    expect(await count(db, 'select count(*)::int as n from role_assignment')).toBe(0);
    const roles = (await db.query<{ code: string }>('select code from role order by code')).rows;
    expect(roles.map((r) => r.code)).toEqual([
      'admin',
      'finance',
      'manager',
      'procurement',
      'sales',
      'service',
    ]);
  });

  test('ADMIN_USERS by user id and by mobile are granted after the org sync, once, audited', async () => {
    // 徐明 by his WeCom userid, 李娜 by her mobile written as people write it.
    const { server, db } = await goLive({ ADMIN_USERS: 'XuMing, +86 138-0010-0101, NoSuchPerson' });
    expect(await holders(db)).toEqual([
      { name: '徐明', code: 'admin', scope: 'all' },
      { name: '李娜', code: 'admin', scope: 'all' },
    ]);
    const audit = await db.query(
      `select actor_id, action, object_type, via, changes from audit_log where object_type = 'user' order by id`,
    );
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]).toMatchObject({
      actor_id: null,
      action: 'update',
      via: 'config',
      changes: { roles: { before: [], after: [{ role: 'admin', scope: 'all', departmentId: null }] } },
    });
    expect(await readyz(server.url)).toEqual({ status: 'ready' });

    // Every later sync (nightly, both platforms) finds them granted and writes nothing.
    await enqueueFullSyncs(server.jobs.queue, {
      wecom: new WeComDirectory(server.platforms.wecomClient()!),
      dingtalk: new DingTalkDirectory(server.platforms.dingtalkClient()!),
    });
    await settleJobs(db);
    expect(await holders(db)).toHaveLength(2);
    expect(await count(db, `select count(*)::int as n from audit_log where object_type = 'user'`)).toBe(2);
  });

  // Three runs of the command line, each compiling it with tsx: on a busy machine that alone can
  // take longer than the default timeout.
  test('with nobody administering: /readyz and the bot say so; the command line names one', {
    timeout: 90_000,
  }, async () => {
    const { server, db } = await goLive();
    const ready = await readyz(server.url);
    expect(ready.status).toBe('ready');
    expect(ready.details).toEqual([
      { code: 'no-administrator', title: expect.stringContaining('客联尚未设置管理员') },
    ]);

    await postCallback(sealedCallback(server.url, textMessageXml('ZhangWei', '我')));
    const answer = await waitForOutgoing(server, 'wecom', (m) => textOf(m).includes('客联尚未设置管理员'));
    expect(textOf(answer)).toContain('npm run admin -- grant');

    const cli = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--conditions=@kelian/source', 'bot-server/src/admin-cli.ts', ...args],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: testDbUrl(), LOG_LEVEL: 'silent' } },
      ).catch((e: { code: number; stderr: string }) => e);
    const unknown = await cli('grant', '13999999999');
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('通讯录中没有在职的「13999999999」'),
    });
    expect(await holders(db)).toEqual([]);

    expect((await cli('grant', 'ZhangWei')).stderr).toContain('已将 张伟 设为客联管理员');
    expect((await cli('grant', '13800100102')).stderr).toContain('张伟 已经是客联管理员');
    expect(await holders(db)).toEqual([{ name: '张伟', code: 'admin', scope: 'all' }]);
    const audit = await db.query(`select via, actor_id from audit_log where object_type = 'user'`);
    expect(audit.rows).toEqual([{ via: 'cli', actor_id: null }]);
    expect(await readyz(server.url)).toEqual({ status: 'ready' });
  });

  test('DEFAULT_ROLES give people who never held a role their department’s role, its head another', async () => {
    const { server, db } = await goLive({
      ADMIN_USERS: 'XuMing',
      DEFAULT_ROLES: '销售部=销售/销售主管; 客服=客服; 采购部=procurement; 财务=出纳',
    });
    const roles = await holders(db);
    const holding = (code: string) => roles.filter((r) => r.code === code).map((r) => r.name);
    expect(holding('admin')).toEqual(['徐明']);
    // Heads from both platforms' directories (WeCom is_leader_in_dept, DingTalk leader).
    expect(holding('manager').sort()).toEqual(['李娜', '赵敏', '郑凯'].sort());
    expect(holding('sales')).toHaveLength(9);
    expect(roles.find((r) => r.name === '张伟')).toEqual({ name: '张伟', code: 'sales', scope: 'self' });
    expect(holding('service').sort()).toEqual(['胡斌', '郭雪', '高飞'].sort());
    expect(holding('procurement').sort()).toEqual(['朱丽', '马超'].sort());
    // No such role as 出纳: 财务部 stays without one, and so does 总经办 (no rule), the GM included.
    expect(roles.map((r) => r.name)).not.toContain('罗娟');
    expect(roles.map((r) => r.name)).not.toContain('王建国');
    const given = await db.query(
      `select via, actor_id from audit_log where object_type = 'user' and via = 'sync'`,
    );
    expect(given.rows).toHaveLength(17);

    // The administrator takes 张伟's role away and gives 罗娟 one: the next syncs leave both be.
    const api = apiClient(server);
    const userId = async (name: string) =>
      (await db.query<{ id: number }>('select id from app_user where name = $1', [name])).rows[0]!.id;
    const { token } = (await api('/api/auth/sandbox', { body: { userId: await userId('徐明') } })).body;
    const roleId = async (code: string) =>
      (await db.query<{ id: number }>('select id from role where code = $1', [code])).rows[0]!.id;
    const removed = await api(`/api/admin/users/${await userId('张伟')}/roles/${await roleId('sales')}`, {
      method: 'DELETE',
      token,
    });
    expect(removed.status).toBe(200);
    const added = await api(`/api/admin/users/${await userId('罗娟')}/roles/${await roleId('finance')}`, {
      method: 'PUT',
      token,
      body: {},
    });
    expect(added.status).toBe(200);
    const decided = await holders(db);

    await enqueueFullSyncs(server.jobs.queue, {
      wecom: new WeComDirectory(server.platforms.wecomClient()!),
      dingtalk: new DingTalkDirectory(server.platforms.dingtalkClient()!),
    });
    await settleJobs(db);
    expect(await holders(db)).toEqual(decided);
    expect(decided.map((r) => r.name)).not.toContain('张伟');
    expect(await count(db, `select count(*)::int as n from audit_log where object_type = 'user'`)).toBe(20);
  });
});
