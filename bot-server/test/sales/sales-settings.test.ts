// The admin console's sales settings through the API: the pipeline's order as the list shows it,
// its stall limits refused when they make no sense, and the target sheet an admin or a manager fills
// in (every team and seller, with or without a target; nobody who left). Each change is audited;
// each refusal is in Chinese and changes nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { targetSheet } from '../../src/api/sales/schemas.js';
import { auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let admin: Session;
let lina: Session;
let zhangwei: Session;
const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
beforeAll(async () => {
  crm = await startCrm();
  [admin, lina, zhangwei] = await Promise.all([crm.as('徐明'), crm.as('李娜'), crm.as('张伟')]);
});
afterAll(() => crm?.stop());

interface StageItem {
  id: number;
  name: string;
  position: number;
  stalledAfterDays: number | null;
}

/** The pipeline as everyone's list shows it: "position name". */
async function pipeline(): Promise<string[]> {
  const res = await zhangwei.get('/api/stages');
  expect(res.status).toBe(200);
  return res.body.items.map((s: StageItem) => `${s.position} ${s.name}`);
}
const stageNamed = async (name: string): Promise<StageItem> =>
  (await admin.get('/api/stages')).body.items.find((s: StageItem) => s.name === name);
const stageRows = async () => (await crm.db.query('select * from pipeline_stage order by id')).rows;

describe('the pipeline’s order and stall limits', () => {
  test('a stage put at a position moves the others down; the order is always 1, 2, 3 …', async () => {
    const added = await admin.send('POST', '/api/stages', {
      name: '样品测试',
      probability: 40,
      stalledAfterDays: 20,
      position: 2,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(await pipeline()).toEqual([
      '1 初步接洽',
      '2 样品测试',
      '3 需求确认',
      '4 方案报价',
      '5 商务谈判',
      '6 赢单',
      '7 输单',
    ]);
    const moved = await admin.send('PATCH', `/api/stages/${added.body.id}`, { position: 99 });
    expect(moved.status).toBe(200);
    expect(await pipeline()).toEqual([
      '1 初步接洽',
      '2 需求确认',
      '3 方案报价',
      '4 商务谈判',
      '5 样品测试',
      '6 赢单',
      '7 输单',
    ]);
    expect((await admin.send('PATCH', `/api/stages/${added.body.id}`, { position: 1 })).status).toBe(200);
    expect((await pipeline()).slice(0, 2)).toEqual(['1 样品测试', '2 初步接洽']);
    const audit = await auditRows(crm.db, 'stage', added.body.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit[2]!.changes).toMatchObject({ position: { before: 5, after: 1 } });
  });

  test('a stall limit of 0, of text, or a probability over 100 is refused in Chinese and changes nothing', async () => {
    const stage = await stageNamed('方案报价');
    const before = await stageRows();
    const auditBefore = (await auditRows(crm.db, 'stage', stage.id)).length;
    for (const [body, message] of [
      [{ stalledAfterDays: 0 }, '停滞天数应为 1 到 365 的整数'],
      [{ stalledAfterDays: '十天' }, '停滞天数应为 1 到 365 的整数'],
      [{ probability: 120, name: '报价' }, '赢率应为 0 到 100 的整数'],
      [{ name: '商务谈判' }, '已有同名阶段'],
    ] as const) {
      const res = await admin.send('PATCH', `/api/stages/${stage.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { message: string }) => e.message)).toContain(message);
    }
    expect(
      (await zhangwei.send('PATCH', `/api/stages/${stage.id}`, { stalledAfterDays: 3 })).body.title,
    ).toBe('只有管理员可以设置销售阶段');
    expect(await stageRows()).toEqual(before);
    expect(await auditRows(crm.db, 'stage', stage.id)).toHaveLength(auditBefore);

    const changed = await admin.send('PATCH', `/api/stages/${stage.id}`, { stalledAfterDays: 5 });
    expect(changed.body).toMatchObject({ name: '方案报价', stalledAfterDays: 5 });
    expect((await auditRows(crm.db, 'stage', stage.id)).at(-1)).toMatchObject({
      action: 'update',
      actor_id: await crm.userId('徐明'),
      changes: { stalledAfterDays: { before: 10, after: 5 } },
    });
  });
});

type Sheet = ReturnType<typeof targetSheet.parse>;
const sheetOf = async (who: Session, m = month): Promise<Sheet> => {
  const res = await who.get(`/api/targets/sheet?month=${m}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return targetSheet.parse(res.body);
};
const teamNamed = (sheet: Sheet, name: string) => sheet.teams.find((t) => t.department?.name === name);
const targetRows = async () => (await crm.db.query('select * from sales_target order by id')).rows;

describe('the target sheet', () => {
  test('the admin sees every sales team with its sellers, targets set or not, and fills one in', async () => {
    const nextMonth = '2031-02';
    const sheet = await sheetOf(admin, nextMonth);
    expect(sheet.month).toBe(nextMonth);
    expect(sheet.teams.map((t) => `${t.depth} ${t.department?.name}`)).toEqual([
      '0 云帆智能科技（演示）',
      '1 总经办',
      '1 华北销售部',
      '1 华东销售部',
      '1 华南销售部',
    ]);
    const north = teamNamed(sheet, '华北销售部')!;
    expect(north.members.map((m) => m.user.name)).toEqual(
      expect.arrayContaining(['李娜', '张伟', '刘洋', '陈静']),
    );
    expect(north).toMatchObject({ amountCents: null, achievedCents: 0 });
    expect(north.members.every((m) => m.amountCents === null)).toBe(true);
    // Nobody in 采购部 or 财务部 may win a deal: no line for them.
    expect(teamNamed(sheet, '采购部')).toBeUndefined();
    expect(teamNamed(sheet, '财务部')).toBeUndefined();
    const liuYang = north.members.find((m) => m.user.name === '刘洋')!;
    expect(liuYang.user.title).toBe('销售代表');

    const put = await admin.send('PUT', '/api/targets', {
      month: nextMonth,
      userId: liuYang.user.id,
      amountCents: 800_000_00,
    });
    expect(put.status).toBe(200);
    const team = await admin.send('PUT', '/api/targets', {
      month: nextMonth,
      departmentId: north.department!.id,
      amountCents: 3_000_000_00,
    });
    expect(team.status, JSON.stringify(team.body)).toBe(200);
    const after = teamNamed(await sheetOf(admin, nextMonth), '华北销售部')!;
    expect(after.amountCents).toBe(3_000_000_00);
    expect(after.members.find((m) => m.user.name === '刘洋')?.amountCents).toBe(800_000_00);
    expect((await auditRows(crm.db, 'sales_target', put.body.id))[0]).toMatchObject({
      action: 'create',
      actor_id: await crm.userId('徐明'),
      changes: { amountCents: { before: null, after: 800_000_00 } },
    });
  });

  test('this month the demo targets and won deals are on it; a manager sees only his own teams', async () => {
    const sheet = await sheetOf(admin);
    const north = teamNamed(sheet, '华北销售部')!;
    const listed = (await admin.get(`/api/targets?month=${month}`)).body.items as {
      user: { name: string } | null;
      department: { name: string } | null;
      amountCents: number;
      achievedCents: number;
    }[];
    for (const m of north.members) {
      const target = listed.find((t) => t.user?.name === m.user.name);
      if (target)
        expect(m).toMatchObject({ amountCents: target.amountCents, achievedCents: target.achievedCents });
    }
    const team = listed.find((t) => t.department?.name === '华北销售部');
    if (team) expect(north.achievedCents).toBe(team.achievedCents);
    expect(north.achievedCents).toBe(north.members.reduce((sum, m) => sum + m.achievedCents, 0));

    const linas = await sheetOf(lina);
    expect(linas.teams.map((t) => t.department?.name)).toEqual(['华北销售部']);
    expect(linas.teams[0]!.depth).toBe(0);
    expect((await zhangwei.get('/api/targets/sheet')).body.title).toBe('只有主管或管理员可以设置销售目标');
  });

  test('someone who left gets no line and no target; a negative or typed-out target is refused', async () => {
    const chenJing = await crm.userId('陈静');
    await crm.db.query('update app_user set active = false where id = $1', [chenJing]);
    try {
      const north = teamNamed(await sheetOf(admin), '华北销售部')!;
      expect(north.members.map((m) => m.user.name)).not.toContain('陈静');
      const before = await targetRows();

      const left = await admin.send('PUT', '/api/targets', { month, userId: chenJing, amountCents: 100 });
      expect(left.status).toBe(400);
      expect(left.body).toMatchObject({
        type: 'urn:kelian:problem:target-user-left',
        title: '陈静 已离职，不能再为他设置销售目标',
      });
      for (const [amountCents, message] of [
        [-100_00, '目标金额不能为负数'],
        ['一百万', '目标金额应为数字（以分计的整数）'],
      ] as const) {
        const res = await admin.send('PUT', '/api/targets', {
          month,
          userId: await crm.userId('刘洋'),
          amountCents,
        });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: 'amountCents', message }]);
      }
      expect(await targetRows()).toEqual(before);
    } finally {
      await crm.db.query('update app_user set active = true where id = $1', [chenJing]);
    }
  });
});

describe('assignment rules', () => {
  test('a rule cannot send leads to a team where nobody is left; switched off, it may', async () => {
    const finance = (await crm.db.query<{ id: number }>(`select id from department where name = '财务部'`))
      .rows[0]!.id;
    const ruleRows = async () => (await crm.db.query('select * from assignment_rule order by id')).rows;
    const { rows: people } = await crm.db.query<{ id: number }>(
      'update app_user set active = false where department_id = $1 and active returning id',
      [finance],
    );
    try {
      const before = await ruleRows();
      const refused = await admin.send('POST', '/api/assignment-rules', {
        name: '财务咨询',
        sources: ['财务咨询'],
        teamId: finance,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { field: 'teamId', message: '财务部（含下级部门）没有在职成员，分到这里的线索将无人处理' },
      ]);
      const north = (await admin.get('/api/assignment-rules')).body.items[0];
      const moved = await admin.send('PATCH', `/api/assignment-rules/${north.id}`, { teamId: finance });
      expect(moved.status).toBe(400);
      expect(await ruleRows()).toEqual(before);

      const off = await admin.send('POST', '/api/assignment-rules', {
        name: '财务咨询',
        enabled: false,
        teamId: finance,
      });
      expect(off.status).toBe(201);
      expect((await auditRows(crm.db, 'assignmentRule', off.body.id))[0]).toMatchObject({
        action: 'create',
        actor_id: await crm.userId('徐明'),
      });
      const on = await admin.send('PATCH', `/api/assignment-rules/${off.body.id}`, { enabled: true });
      expect(on.body.errors?.[0]?.field).toBe('teamId');
    } finally {
      await crm.db.query('update app_user set active = true where id = any($1)', [people.map((p) => p.id)]);
    }
  });
});
