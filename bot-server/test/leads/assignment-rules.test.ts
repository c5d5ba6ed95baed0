// /api/assignment-rules: the admin orders and edits the rules, and new leads follow them at once.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ruleJson } from '../../src/api/leads/rules-schemas.js';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let admin: Session;
let zhangwei: Session;
beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  zhangwei = await crm.as('张伟');
});
afterAll(() => crm?.stop());

const departmentId = async (name: string) =>
  (await crm.db.query<{ id: number }>('select id from department where name = $1', [name])).rows[0]!.id;

/** The rules as the admin's list shows them: "position name". */
async function order(): Promise<string[]> {
  const res = await admin.get('/api/assignment-rules');
  expect(res.status).toBe(200);
  return res.body.items.map((r: { position: number; name: string }) => `${r.position} ${r.name}`);
}

const ruleRows = async () =>
  (await crm.db.query('select * from assignment_rule order by id')).rows as Record<string, unknown>[];

/** Where a new lead from 北京 with this source goes: "team status". */
async function routeOf(source: string): Promise<string> {
  const res = await zhangwei.send('POST', '/api/leads', {
    company: `北京${source}客户${Math.random().toString(36).slice(2, 8)}`,
    region: '北京',
    source,
  });
  expect(res.status).toBe(201);
  return `${res.body.team?.name ?? '公海'} ${res.body.status}`;
}

describe('the admin’s assignment rules', () => {
  test('the admin sees the demo rules in the order they are tried, as the document describes them', async () => {
    const res = await admin.get('/api/assignment-rules');
    expect(res.status).toBe(200);
    for (const item of res.body.items) expect(() => ruleJson.parse(item)).not.toThrow();
    expect(res.body.items[0]).toMatchObject({
      name: '华北地区',
      position: 1,
      enabled: true,
      regions: ['北京', '天津', '河北', '山西', '内蒙古'],
      team: { name: '华北销售部' },
      strategy: 'claim',
      recycleAfterDays: 7,
      lastAssignee: null,
    });
    expect(await order()).toEqual(['1 华北地区', '2 华东地区', '3 华南地区']);
  });

  test('a rule put first wins over the regional rule; moved last, the regional rule wins again', async () => {
    const created = await admin.send('POST', '/api/assignment-rules', {
      name: '展会线索',
      position: 1,
      sources: ['展会'],
      teamId: await departmentId('华东销售部'),
      strategy: 'round_robin',
    });
    expect(created.status).toBe(201);
    expect(() => ruleJson.parse(created.body)).not.toThrow();
    expect(created.body).toMatchObject({ position: 1, team: { name: '华东销售部' }, recycleAfterDays: null });
    expect(await order()).toEqual(['1 展会线索', '2 华北地区', '3 华东地区', '4 华南地区']);
    expect(await routeOf('展会')).toBe('华东销售部 claimed');
    expect(await routeOf('官网')).toBe('华北销售部 new');

    const rule = (await admin.get('/api/assignment-rules')).body.items[0];
    expect(rule.lastAssignee).toMatchObject({ name: expect.any(String) });
    const moved = await admin.send('PATCH', `/api/assignment-rules/${created.body.id}`, { position: 9 });
    expect(moved.status).toBe(200);
    expect(moved.body.position).toBe(4);
    expect(await order()).toEqual(['1 华北地区', '2 华东地区', '3 华南地区', '4 展会线索']);
    expect(await routeOf('展会')).toBe('华北销售部 new');
  });

  test('a disabled rule is passed over; a deleted one is gone and the others close the gap', async () => {
    const north = (await admin.get('/api/assignment-rules')).body.items[0];
    const off = await admin.send('PATCH', `/api/assignment-rules/${north.id}`, { enabled: false });
    expect(off.body).toMatchObject({ name: '华北地区', enabled: false, position: 1 });
    expect(await routeOf('官网')).toBe('公海 new');

    expect((await admin.send('DELETE', `/api/assignment-rules/${north.id}`)).status).toBe(204);
    expect(await order()).toEqual(['1 华东地区', '2 华南地区', '3 展会线索']);
    const again = await admin.send('PATCH', `/api/assignment-rules/${north.id}`, { enabled: true });
    expect(again.status).toBe(404);
    expect(again.body.type).toBe('urn:kelian:problem:not-found');

    const xuming = await crm.userId('徐明');
    const entries = await auditRows(crm.db, 'assignmentRule', north.id);
    expect(entries.map((e) => [e.action, e.actor_id, e.via])).toEqual([
      ['update', xuming, 'api'],
      ['delete', xuming, 'api'],
    ]);
    expect(entries[0]!.changes).toEqual({ enabled: { before: true, after: false } });
  });

  test('a manager or a rep may neither see nor change the rules, and nothing changes', async () => {
    const before = await ruleRows();
    const [first] = before;
    for (const name of ['李娜', '张伟']) {
      const session = await crm.as(name);
      for (const [method, path, body] of [
        ['GET', '/api/assignment-rules'],
        ['POST', '/api/assignment-rules', { name: '抢线索', teamId: await departmentId('华北销售部') }],
        ['PATCH', `/api/assignment-rules/${first!.id}`, { position: 3 }],
        ['DELETE', `/api/assignment-rules/${first!.id}`],
      ] as const) {
        const res = await session.send(method, path, body);
        expect(res.status, `${name} ${method} ${path}`).toBe(403);
        expect(res.body.title).toBe('只有管理员可以设置线索分配规则');
      }
    }
    expect(await ruleRows()).toEqual(before);
  });

  test('a wrong rule answers 400 with each field’s problem in Chinese and records nothing', async () => {
    const before = await ruleRows();
    const empty = await admin.send('POST', '/api/assignment-rules', {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'teamId']);

    const wrong = await admin.send('POST', '/api/assignment-rules', {
      name: '乱填',
      teamId: await departmentId('华北销售部'),
      regions: '北京',
      strategy: 'random',
      recycleAfterDays: 0,
      colour: 'red',
    });
    expect(wrong.status).toBe(400);
    const messages = Object.fromEntries(
      wrong.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(messages).toMatchObject({
      regions: '地区应为文字列表，例如 ["北京", "天津", "河北"]',
      strategy: expect.stringContaining('round_robin（轮流分配）'),
      recycleAfterDays: '回收天数应为 1 到 365 的整数',
    });
    expect(Object.values(messages)).toContain('不认识的字段：colour');

    const noTeam = await admin.send('POST', '/api/assignment-rules', { name: '无主', teamId: 999_999 });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.errors).toEqual([{ field: 'teamId', message: '部门 999999 不存在' }]);
    expect(await ruleRows()).toEqual(before);
  });

  // Only PostgreSQL runs the creations really side by side, each waiting for the rule row's lock.
  test.runIf(inject('dbKind') === 'postgres')(
    'round-robin leads created at the same moment still go to each member in turn',
    async () => {
      const rule = await admin.send('POST', '/api/assignment-rules', {
        name: '并发测试',
        position: 1,
        sources: ['并发'],
        teamId: await departmentId('华南销售部'),
        strategy: 'round_robin',
      });
      expect(rule.status).toBe(201);
      const { rows: members } = await crm.db.query<{ id: number }>(
        `select u.id from app_user u join department d on d.id = u.department_id where d.name = '华南销售部'`,
      );
      const created = await Promise.all(
        Array.from({ length: members.length * 2 }, (_, i) =>
          zhangwei.send('POST', '/api/leads', { company: `并发客户${i}有限公司`, source: '并发' }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
      const { rows } = await crm.db.query<{ owner_id: number; n: number }>(
        `select owner_id, count(*)::int as n from lead where source = '并发' group by owner_id order by owner_id`,
      );
      expect(rows).toEqual(
        members.map((m) => ({ owner_id: m.id, n: 2 })).sort((a, b) => a.owner_id - b.owner_id),
      );
    },
  );
});
