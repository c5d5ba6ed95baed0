// /api/me/figures for a manager: 首页 shows her team's month (the team target set in /api/targets and
// what the team won), next to her own; a rep's 首页 has no team part.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { figures, targetList } from '../../src/api/sales/schemas.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina] = await Promise.all([crm.as('张伟'), crm.as('李娜')]);
});
afterAll(() => crm?.stop());

const teamCount = async (sql: string) =>
  (
    await crm.db.query<{ n: number }>(
      `select count(*)::int as n ${sql} and u.department_id in
         (select id from department where path like (select path from department where name = '华北销售部') || '%')`,
    )
  ).rows[0]!.n;

test('李娜 (manager of 华北销售部) sees the team’s target, achievement and counts on 首页, and her own', async () => {
  const month = (await lina.get('/api/me/figures')).body.month as string;
  const targets = targetList.parse((await lina.get(`/api/targets?month=${month}`)).body).items;
  const teamTarget = targets.find((t) => t.department?.name === '华北销售部')!;
  expect(teamTarget.amountCents).toBeGreaterThan(0);

  // A deal of 张伟's won this month counts for the team at once.
  const { rows } = await crm.db.query<{ id: number }>(
    `select c.id from customer c join app_user u on u.id = c.owner_id where u.name = '张伟' and c.deleted_at is null limit 1`,
  );
  const opened = await zhangwei.send('POST', '/api/opportunities', {
    customerId: rows[0]!.id,
    name: '团队业绩测试',
    amountCents: 90_000_00,
  });
  expect(opened.status).toBe(201);
  expect((await zhangwei.send('POST', `/api/opportunities/${opened.body.id}/won`, {})).status).toBe(200);

  const res = await lina.get('/api/me/figures');
  expect(res.status).toBe(200);
  const body = figures.parse(res.body);
  expect(body.team).toMatchObject({
    department: { name: '华北销售部' },
    targetCents: teamTarget.amountCents,
    wonCents: teamTarget.achievedCents + 90_000_00,
    openDeals: await teamCount(
      `from opportunity o join app_user u on u.id = o.owner_id where o.status = 'open' and o.deleted_at is null`,
    ),
    newCustomers: await teamCount(
      `from customer c join app_user u on u.id = c.owner_id where c.deleted_at is null
         and c.created_at >= date_trunc('month', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'`,
    ),
  });
  expect(body.team!.openDeals).toBeGreaterThan(0);
  // Her own figures stay beside the team's: she owns no deals in the demo.
  expect(body).toMatchObject({ month, wonCents: 0, openDeals: 0 });

  const rep = figures.parse((await zhangwei.get('/api/me/figures')).body);
  expect(rep.team).toBeNull();
  expect(rep.wonCents).toBeGreaterThanOrEqual(90_000_00);
});
