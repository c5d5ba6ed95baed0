// GET /api/users: whom one may pick as owner. The list follows the data scope: a rep (self) gets
// only themself, a manager their department, an administrator everyone active; departed people
// are never offered.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { usersList } from '../../src/api/users/docs.js';
import { type Crm, startCrm } from './customers-support.js';

let crm: Crm;

beforeAll(async () => {
  crm = await startCrm();
});
afterAll(() => crm.stop());

const names = (body: { items: { name: string }[] }) => body.items.map((u) => u.name).sort();

const activeIn = async (department: string) =>
  (
    await crm.db.query<{ name: string }>(
      `select u.name from app_user u join department d on d.id = u.department_id
        where d.name = $1 and u.active order by u.name`,
      [department],
    )
  ).rows
    .map((r) => r.name)
    .sort();

describe('GET /api/users', () => {
  test('a sales rep with the self scope is offered only himself, with his department', async () => {
    const zhangWei = await crm.as('张伟');
    const res = await zhangWei.get('/api/users');
    expect(res.status).toBe(200);
    expect(usersList.parse(res.body)).toEqual({
      items: [
        {
          id: await crm.userId('张伟'),
          name: '张伟',
          department: { id: expect.any(Number), name: '华北销售部' },
        },
      ],
    });
  });

  test('a manager is offered the active people of her department, nobody from another', async () => {
    const north = await activeIn('华北销售部');
    expect(north.length).toBeGreaterThan(2);
    const liNa = await crm.as('李娜');
    const res = await liNa.get('/api/users');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(north);
    expect(
      res.body.items.every((u: { department: { name: string } }) => u.department.name === '华北销售部'),
    ).toBe(true);
  });

  test('a departed colleague is not offered', async () => {
    const [colleague] = (await activeIn('华北销售部')).filter((n) => n !== '李娜' && n !== '张伟');
    await crm.db.query('update app_user set active = false where name = $1', [colleague]);
    try {
      const res = await (await crm.as('李娜')).get('/api/users');
      expect(names(res.body)).not.toContain(colleague);
      expect(names(res.body)).toContain('张伟');
    } finally {
      await crm.db.query('update app_user set active = true where name = $1', [colleague]);
    }
  });

  test('an administrator sees every department; q narrows by name and treats % literally', async () => {
    const admin = await crm.as('王建国');
    const all = await admin.get('/api/users');
    const departments = new Set(
      all.body.items.map((u: { department: { name: string } | null }) => u.department?.name),
    );
    expect(departments.size).toBeGreaterThan(3);

    const found = await admin.get(`/api/users?q=${encodeURIComponent('张')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    expect(found.body.items.every((u: { name: string }) => u.name.includes('张'))).toBe(true);
    expect((await admin.get(`/api/users?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
  });

  test('refused without a session; an over-long q is a field error', async () => {
    expect((await crm.api('/api/users')).status).toBe(401);
    const res = await (await crm.as('张伟')).get(`/api/users?q=${'长'.repeat(51)}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'q', message: '搜索词不能超过 50 个字' }]);
  });
});
