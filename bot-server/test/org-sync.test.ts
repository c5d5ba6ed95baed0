// Org sync against the sandbox corp, which is the demo company as WeCom and DingTalk see it: full
// syncs through the job, contact events through the platforms' real event paths, failures through
// the sandbox's switches. What a test checks is what is in the database afterwards.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../orm/testing/db-url.js';
import { resetDatabase } from '../../orm/testing/reset.js';
import { enqueueFullSyncs } from '../src/bot/org/sync-jobs.js';
import type { OrgDirectories } from '../src/domain/org/directory.js';
import { EmptyDirectoryError, syncPlatform } from '../src/domain/org/sync.js';
import { DingTalkDirectory } from '../src/platforms/dingtalk/directory.js';
import { WeComDirectory } from '../src/platforms/wecom/directory.js';
import { sandboxOf } from './support/sandbox.js';
import { type RunningServer, startTestServer } from './support/server.js';
import { waitFor } from './support/wait.js';

let server: RunningServer;
let db: pg.Pool;

// The directories boot.ts builds from the platform clients, for running a sync directly.
const directories = (): OrgDirectories => ({
  wecom: new WeComDirectory(server.platforms.wecomClient()!),
  dingtalk: new DingTalkDirectory(server.platforms.dingtalkClient()!),
});

beforeEach(async () => {
  await resetDatabase(testDbUrl());
  db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  server = await startTestServer();
  await settled();
});
afterEach(async () => {
  await server.stop();
  await db.end();
});

const rows = async <T extends object>(sql: string, params: unknown[] = []) =>
  (await db.query<T & pg.QueryResultRow>(sql, params)).rows;

/** No org sync job waiting, running or due for a retry. */
async function settled() {
  await waitFor(
    async () => {
      const [busy] = await rows<{ n: number }>(
        `select count(*)::int as n from pgboss.job where name like 'org.%' and state in ('created', 'retry', 'active')`,
      );
      return busy!.n === 0 ? true : undefined;
    },
    20_000,
    'the org sync jobs to finish',
  );
}

async function fullSync() {
  await enqueueFullSyncs(server.jobs.queue, directories());
  await settled();
}

/** Every row the sync may touch, as the database holds it. */
const snapshot = async () => ({
  departments: await rows('select * from department order by id'),
  users: await rows('select * from app_user order by id'),
  roles: await rows('select * from role_assignment order by id'),
});

const people = () => sandboxOf(server).state.org.people;
const departments = () => sandboxOf(server).state.org.departments;

interface UserRow {
  id: number;
  name: string;
  mobile: string | null;
  wecom_user_id: string | null;
  dingtalk_user_id: string | null;
  active: boolean;
  department: string | null;
}
const users = () =>
  rows<UserRow>(
    `select u.id, u.name, u.mobile, u.wecom_user_id, u.dingtalk_user_id, u.active, d.name as department
       from app_user u left join department d on d.id = u.department_id order by u.id`,
  );
const userNamed = async (name: string) => (await users()).filter((u) => u.name === name);

interface DepartmentRow {
  id: number;
  name: string;
  parent_id: number | null;
  path: string;
  wecom_id: string | null;
  dingtalk_id: string | null;
}
const departmentRows = () =>
  rows<DepartmentRow>('select id, name, parent_id, path, wecom_id, dingtalk_id from department order by id');

/** The tree is the sandbox corp's, linked to both platforms' ids, each path the parent's plus its own id. */
async function expectOneTreeLinkedToBoth() {
  const tree = await departmentRows();
  expect(tree.map((d) => d.name).sort()).toEqual(
    departments()
      .map((d) => d.name)
      .sort(),
  );
  const byId = new Map(tree.map((d) => [d.id, d]));
  for (const d of departments()) {
    const row = tree.find((r) => r.name === d.name)!;
    expect(row).toMatchObject({ wecom_id: String(d.wecomId), dingtalk_id: String(d.dingtalkId) });
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    expect(parent?.name).toBe(departments().find((p) => p.key === d.parentKey)?.name);
    expect(row.path).toBe(`${parent?.path ?? '/'}${row.id}/`);
  }
}

async function armSwitch(spec: Record<string, unknown>) {
  const res = await fetch(`${server.url}/sandbox/api/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  expect(res.status).toBe(201);
}

describe('full sync', () => {
  test('people known only by their mobile are linked to both platform ids, once each, and the departments converge', async () => {
    // Here the CRM knows each person by mobile and by nothing else, and no department by platform id.
    for (const p of people()) {
      await db.query(
        'update app_user set mobile = $1, wecom_user_id = null, dingtalk_user_id = null where name = $2',
        [p.mobile, p.name],
      );
    }
    await db.query('update department set wecom_id = null, dingtalk_id = null');
    const before = await snapshot();

    await fullSync();

    const after = await users();
    expect(after).toHaveLength(before.users.length);
    for (const p of people()) {
      const [user, ...duplicates] = after.filter((u) => u.name === p.name);
      expect(duplicates).toEqual([]);
      expect(user).toMatchObject({
        wecom_user_id: p.wecom.userid,
        dingtalk_user_id: p.dingtalk.userid,
        active: true,
        department: departments().find((d) => d.key === p.departmentKey)?.name,
      });
    }
    await expectOneTreeLinkedToBoth();
    expect(await rows(`select id from department where name = '华北销售部'`)).toHaveLength(1);
    // Kelian's own data: roles and managers as the admin left them.
    expect((await snapshot()).roles).toEqual(before.roles);
    expect(await rows('select id, manager_id from app_user order by id')).toEqual(
      before.users.map((u) => ({ id: u.id, manager_id: u.manager_id })),
    );
  });

  test('on the demo database as loaded, everyone is found by platform id and nobody is duplicated; a second run changes nothing', async () => {
    const loaded = await users();
    await fullSync();
    const synced = await users();
    expect(synced.map((u) => [u.id, u.name, u.wecom_user_id, u.dingtalk_user_id])).toEqual(
      loaded.map((u) => [u.id, u.name, u.wecom_user_id, u.dingtalk_user_id]),
    );
    for (const p of people()) expect((await userNamed(p.name))[0]?.mobile).toBe(p.mobile);
    await expectOneTreeLinkedToBoth();

    const once = await snapshot();
    await fullSync();
    expect(await snapshot()).toEqual(once);
  });

  test('a platform failing mid-sync leaves the organisation as it was, and the retried job applies everything', async () => {
    await fullSync();
    const org = sandboxOf(server).state.org;
    org.addDepartment({ key: 'west', name: '华西销售部', parentKey: 'root' });
    org.addPerson({
      name: '钱多多',
      title: '销售代表',
      departmentKey: 'west',
      mobile: '13800199901',
      wecomUserId: 'QianDuoDuo',
      dingtalkUserId: '0100701',
    });
    // The departments are read, then reading the people fails: 60011 (WeCom) and no_permission
    // (DingTalk) are not retried by the clients, so the job itself fails.
    for (const [platform, failure] of [
      ['wecom', { api: 'user/list', errcode: 60011 }],
      ['dingtalk', { api: 'topapi/v2/user/list', failure: 'no_permission' }],
    ] as const) {
      const before = await snapshot();
      await armSwitch({ platform, times: 1, ...failure });
      const id = await server.jobs.queue.send('org.sync-full', { platform });
      const job = (state: string) => async () => {
        const [row] = await rows<{ state: string; retry_count: number }>(
          'select state, retry_count from pgboss.job where id = $1',
          [id],
        );
        return row?.state === state ? row : undefined;
      };
      // Failed once, its retry not yet due (pg-boss waits a second or two).
      await waitFor(job('retry'));
      expect(await snapshot()).toEqual(before);
      expect(await waitFor(job('completed'))).toMatchObject({ retry_count: 1 });
    }
    const [qian, ...duplicates] = await userNamed('钱多多');
    expect(duplicates).toEqual([]);
    expect(qian).toMatchObject({
      wecom_user_id: 'QianDuoDuo',
      dingtalk_user_id: '0100701',
      department: '华西销售部',
      active: true,
    });
    await expectOneTreeLinkedToBoth();
  });
});

describe('a directory that lists nobody', () => {
  test('is refused: nobody becomes inactive because an app lost sight of the company', async () => {
    await fullSync();
    for (const p of [...people()]) sandboxOf(server).state.org.removePerson(p.wecom.userid);
    const before = await snapshot();
    for (const platform of ['wecom', 'dingtalk'] as const) {
      await expect(syncPlatform(server.orm.em.fork(), directories(), platform)).rejects.toThrow(
        EmptyDirectoryError,
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('contact events', () => {
  beforeEach(fullSync);

  test('someone who joins is added by the WeCom event and the same person is recognised by the DingTalk one', async () => {
    sandboxOf(server).state.org.addPerson({
      name: '钱多多',
      title: '销售代表',
      departmentKey: 'north',
      mobile: '13800199902',
      wecomUserId: 'QianDuoDuo',
      dingtalkUserId: '0100199',
    });
    const { delivery } = await sandboxOf(server).actions.emitWeComContactChange({
      changeType: 'create_user',
      id: 'QianDuoDuo',
    });
    expect(delivery.ok).toBe(true);
    const [added] = await waitFor(async () => {
      const found = await userNamed('钱多多');
      return found.length ? found : undefined;
    });
    expect(added).toMatchObject({
      wecom_user_id: 'QianDuoDuo',
      dingtalk_user_id: null,
      mobile: '13800199902',
      department: '华北销售部',
      active: true,
    });
    // No role until an admin gives one.
    expect(await rows('select id from role_assignment where user_id = $1', [added!.id])).toEqual([]);

    await sandboxOf(server).actions.emitDingTalkEvent({
      eventType: 'user_add_org',
      data: { UserId: ['0100199'] },
    });
    await waitFor(async () =>
      (await userNamed('钱多多'))[0]?.dingtalk_user_id === '0100199' ? true : undefined,
    );
    expect(await userNamed('钱多多')).toHaveLength(1);
    await settled();

    // What the events did is what a full sync would have done.
    const after = await snapshot();
    await fullSync();
    expect(await snapshot()).toEqual(after);
  });

  test('someone who leaves becomes inactive once gone from both platforms, and keeps their customers and roles', async () => {
    const [liu] = await userNamed('刘洋');
    const owned = await rows('select id from customer where owner_id = $1 order by id', [liu!.id]);
    const roles = await rows('select * from role_assignment where user_id = $1 order by id', [liu!.id]);
    expect(owned.length).toBeGreaterThan(0);
    sandboxOf(server).state.org.removePerson('LiuYang');

    await sandboxOf(server).actions.emitWeComContactChange({ changeType: 'delete_user', id: 'LiuYang' });
    // Still on DingTalk: only the WeCom link goes.
    await waitFor(async () => ((await userNamed('刘洋'))[0]?.wecom_user_id === null ? true : undefined));
    expect((await userNamed('刘洋'))[0]).toMatchObject({ active: true, dingtalk_user_id: '0100103' });

    await sandboxOf(server).actions.emitDingTalkEvent({
      eventType: 'user_leave_org',
      data: { UserId: ['0100103'] },
    });
    await waitFor(async () => ((await userNamed('刘洋'))[0]?.active === false ? true : undefined));
    expect((await userNamed('刘洋'))[0]).toMatchObject({ dingtalk_user_id: '0100103' });
    expect(await rows('select id from customer where owner_id = $1 order by id', [liu!.id])).toEqual(owned);
    expect(await rows('select * from role_assignment where user_id = $1 order by id', [liu!.id])).toEqual(
      roles,
    );

    // A full sync agrees with the events and changes nothing more.
    const after = await snapshot();
    await fullSync();
    expect(await snapshot()).toEqual(after);
  });

  test('a new department announced by both platforms becomes one department in the tree', async () => {
    const west = sandboxOf(server).state.org.addDepartment({
      key: 'west',
      name: '华西销售部',
      parentKey: 'root',
    });
    await sandboxOf(server).actions.emitWeComContactChange({
      changeType: 'create_party',
      id: String(west.wecomId),
    });
    await sandboxOf(server).actions.emitDingTalkEvent({
      eventType: 'org_dept_create',
      data: { DeptId: [west.dingtalkId] },
    });
    await waitFor(async () => {
      const [row] = await rows<DepartmentRow>(`select * from department where name = '华西销售部'`);
      return row?.wecom_id && row.dingtalk_id ? true : undefined;
    });
    await settled();
    await expectOneTreeLinkedToBoth();

    const after = await snapshot();
    await fullSync();
    expect(await snapshot()).toEqual(after);
  });
});

describe('directories', () => {
  test.each(['wecom', 'dingtalk'] as const)(
    '%s: a department or person read alone is what the listing says, in the platform’s order; an unknown id is undefined',
    async (platform) => {
      const directory = directories()[platform]!;
      const listed = await directory.listDepartments();
      for (const d of listed) expect(await directory.getDepartment(d.id)).toEqual(d);
      const root = listed.find((d) => d.parentId === undefined)!;
      const children = listed.filter((d) => d.parentId === root.id).sort((a, b) => a.order - b.order);
      expect(children.map((d) => d.name)).toEqual(
        departments()
          .filter((d) => d.parentKey === 'root')
          .map((d) => d.name),
      );
      const everyone = await directory.listUsers();
      expect(everyone).toHaveLength(people().length);
      for (const u of everyone) expect(await directory.getUser(u.id)).toEqual(u);
      expect(await directory.getUser('nobody')).toBeUndefined();
      expect(await directory.getDepartment('424242')).toBeUndefined();
    },
  );
});
