// /api/targets and /api/me/figures: managers set monthly targets, won deals count towards them at once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { figures, targetJson, targetList } from '../../src/api/sales/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina] = await Promise.all([crm.as('张伟'), crm.as('李娜')]);
});
afterAll(() => crm?.stop());

const departmentId = async (name: string) =>
  (await crm.db.query<{ id: number }>('select id from department where name = $1', [name])).rows[0]!.id;
const targetCount = async () =>
  (await crm.db.query<{ n: number }>('select count(*)::int as n from sales_target')).rows[0]!.n;

test('managers set targets in their scope; reps cannot; bad input changes nothing', async () => {
  const before = await targetCount();
  expect(
    (await zhangwei.send('PUT', '/api/targets', { month, userId: await crm.userId('张伟'), amountCents: 1 }))
      .status,
  ).toBe(403);
  expect(
    (await lina.send('PUT', '/api/targets', { month, userId: await crm.userId('孙浩'), amountCents: 1 }))
      .status,
  ).toBe(404);
  const both = await lina.send('PUT', '/api/targets', {
    month: '2026-13',
    userId: 1,
    departmentId: 1,
    amountCents: -5,
  });
  expect(both.status).toBe(400);
  expect(both.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
    'amountCents',
    'month',
    'userId',
  ]);
  expect(await targetCount()).toBe(before);
});

test('a won deal counts towards the rep’s and the team’s target, and on the rep’s 首页', async () => {
  const rep = await lina.send('PUT', '/api/targets', {
    month,
    userId: await crm.userId('张伟'),
    amountCents: 1_000_000_00,
  });
  expect(rep.status, JSON.stringify(rep.body)).toBe(200);
  const team = await lina.send('PUT', '/api/targets', {
    month,
    departmentId: await departmentId('华北销售部'),
    amountCents: 5_000_000_00,
  });
  expect(team.status).toBe(200);
  const achievedBefore = targetJson.parse(rep.body).achievedCents;
  const teamBefore = targetJson.parse(team.body).achievedCents;
  const figuresBefore = figures.parse((await zhangwei.get(`/api/me/figures?month=${month}`)).body);

  const { rows } = await crm.db.query<{ id: number }>(
    `select c.id from customer c join app_user u on u.id = c.owner_id where u.name = '张伟' and c.deleted_at is null limit 1`,
  );
  const opened = await zhangwei.send('POST', '/api/opportunities', {
    customerId: rows[0]!.id,
    name: '目标测试',
    amountCents: 250_000_00,
  });
  expect(opened.status).toBe(201);
  expect((await zhangwei.send('POST', `/api/opportunities/${opened.body.id}/won`, {})).status).toBe(200);

  const mine = targetList.parse((await zhangwei.get(`/api/targets?month=${month}`)).body).items;
  expect(mine.find((t) => t.user?.name === '张伟')).toMatchObject({
    amountCents: 1_000_000_00,
    achievedCents: achievedBefore + 250_000_00,
  });
  expect(mine.find((t) => t.department?.name === '华北销售部')).toMatchObject({
    achievedCents: teamBefore + 250_000_00,
  });
  const others = targetList.parse(
    (await crm.as('孙浩').then((s) => s.get(`/api/targets?month=${month}`))).body,
  ).items;
  expect(others.find((t) => t.user?.name === '张伟')).toBeUndefined();

  const after = figures.parse((await zhangwei.get('/api/me/figures')).body);
  expect(after).toMatchObject({
    month,
    targetCents: 1_000_000_00,
    wonCents: figuresBefore.wonCents + 250_000_00,
  });
  const open = (
    await crm.db.query<{ n: number }>(
      `select count(*)::int as n from opportunity o join app_user u on u.id = o.owner_id
        where u.name = '张伟' and o.status = 'open' and o.deleted_at is null`,
    )
  ).rows[0]!.n;
  expect(after.openDeals).toBe(open);
  expect((await zhangwei.get('/api/me/figures?month=2026-1')).status).toBe(400);
});
