// The desktop grid's API (issue 19) on the demo company: customers sorted and filtered by any
// column (custom fields too), paged by keyset, within the viewer's data scope and field rules;
// batch changes where the rows in the editor's scope change and the others are named and left as
// they were; each person's saved views. Bad input gets a Chinese title and a stable type, and
// changes nothing. Everything goes through real sessions over HTTP.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BOT_CHAT } from '../../src/sandbox/state/messages.js';
import {
  allPages,
  auditRows,
  type Crm,
  customerRow,
  customersOwnedBy,
  type Session,
  startCrm,
} from '../api/customers-support.js';
import { settleJobs } from '../support/jobs.js';
import { sandboxOf, textOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';

let crm: Crm;
let admin: Session;
let li: Session;
let zhang: Session;
let ids: Record<'zhangWei' | 'liuYang' | 'sunHao' | 'liNa', number>;

beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  li = await crm.as('李娜');
  zhang = await crm.as('张伟');
  ids = {
    zhangWei: await crm.userId('张伟'),
    liuYang: await crm.userId('刘洋'),
    sunHao: await crm.userId('孙浩'),
    liNa: await crm.userId('李娜'),
  };
});
afterAll(() => crm.stop());

const problem = (type: string) => `urn:kelian:problem:${type}`;
const grid = (session: Session, params: Record<string, unknown>) => {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  return session.get(`/api/customers/grid?${query}`);
};
const customerRows = async () => (await crm.db.query('select * from customer order by id')).rows;

describe('sorting, filtering and paging', () => {
  test('sorted by level then id over every page, each customer once, and a level filter keeps only that level', async () => {
    const pages = await allPages(zhang, '/api/customers/grid?sort=level', 7);
    const everything = await allPages(zhang, '/api/customers', 50);
    expect(pages.map((c) => c.id).sort()).toEqual(everything.map((c) => c.id).sort());
    const keys = (pages as { id: number; level?: string | null }[]).map(
      (c) => [c.level ?? '', c.id] as const,
    );
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    expect(keys).toEqual(sorted);

    const onlyA = await grid(admin, { filters: [{ column: 'level', op: 'eq', value: 'A' }], limit: 100 });
    expect(onlyA.status).toBe(200);
    expect(onlyA.body.items.length).toBeGreaterThan(0);
    for (const c of onlyA.body.items) expect(c.level).toBe('A');
  });

  test('descending by name, filtered by a name fragment and by owner; a rep sees only their scope', async () => {
    const res = await grid(li, {
      sort: '-name',
      filters: [
        { column: 'name', op: 'contains', value: '科技' },
        { column: 'owner', op: 'in', value: [ids.zhangWei] },
      ],
    });
    expect(res.status).toBe(200);
    const names: string[] = res.body.items.map((c: { name: string }) => c.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...names].sort().reverse());
    for (const c of res.body.items) {
      expect(c.name).toContain('科技');
      expect(c.owner.id).toBe(ids.zhangWei);
    }
    // 张伟 filtering by 孙浩 (east, not his) gets nothing: the scope is applied before any filter.
    const other = await grid(zhang, { filters: [{ column: 'owner', op: 'in', value: [ids.sunHao] }] });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
  });

  test('custom fields: a column per definition, filtered and sorted as numbers', async () => {
    const created = await admin.send('POST', '/api/custom-fields', {
      object: 'customer',
      key: '年采购额',
      label: '年采购额（万元）',
      type: 'number',
    });
    expect(created.status).toBe(201);
    const mine = (await customersOwnedBy(crm.db, ids.zhangWei)).slice(0, 3);
    const amounts = [900, 85, 120];
    for (const [i, id] of mine.entries())
      expect(
        (await zhang.send('PATCH', `/api/customers/${id}`, { customFields: { 年采购额: amounts[i] } }))
          .status,
      ).toBe(200);

    const columns = await zhang.get('/api/customers/grid/columns');
    expect(columns.body.items).toContainEqual(
      expect.objectContaining({
        key: 'cf.年采购额',
        label: '年采购额（万元）',
        type: 'number',
        sortable: true,
      }),
    );
    const big = await grid(zhang, {
      sort: '-cf.年采购额',
      filters: [{ column: 'cf.年采购额', op: 'gte', value: 100 }],
    });
    expect(big.status).toBe(200);
    // Numbers, not text: 900 before 120, and 85 (below 100) left out.
    expect(big.body.items.map((c: { id: number }) => c.id)).toEqual([mine[0], mine[2]]);
  });
});

describe('field rules', () => {
  test('a hidden field is no column, cannot be filtered or sorted by; a read-only one cannot be edited in place', async () => {
    const sales = (await admin.get('/api/roles')).body.items.find(
      (r: { code: string }) => r.code === 'sales',
    );
    const ruled = await admin.send('PATCH', `/api/roles/${sales.id}`, {
      fieldRules: { customer: { phone: 'hidden', level: 'readonly' } },
    });
    expect(ruled.status).toBe(200);
    try {
      const columns = (await zhang.get('/api/customers/grid/columns')).body.items;
      expect(columns.map((c: { key: string }) => c.key)).not.toContain('phone');
      expect(columns.find((c: { key: string }) => c.key === 'level')).toMatchObject({ editable: false });

      for (const params of [
        { filters: [{ column: 'phone', op: 'contains', value: '010' }] },
        { sort: 'phone' },
      ]) {
        const refused = await grid(zhang, params);
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ type: problem('field-refused') });
        expect(refused.body.errors[0].message).toBe('你无权按「电话」筛选或排序');
      }

      const id = (await customersOwnedBy(crm.db, ids.zhangWei))[0]!;
      const page = await grid(zhang, { filters: [{ column: 'owner', op: 'in', value: [ids.zhangWei] }] });
      const row = page.body.items.find((c: { id: number }) => c.id === id);
      expect(row.phone).toBeUndefined();
      expect(row.fieldAccess.editable).not.toContain('level');

      const before = await customerRow(crm.db, id);
      const edit = await zhang.send('PATCH', `/api/customers/${id}`, { level: 'A' });
      expect(edit.status).toBe(403);
      expect(edit.body.errors[0].message).toBe('「等级」是只读字段，不能修改');
      const batch = await zhang.send('POST', '/api/customers/batch', { ids: [id], level: 'A' });
      expect(batch.status).toBe(403);
      expect(batch.body).toMatchObject({ type: problem('field-refused') });
      expect(await customerRow(crm.db, id)).toEqual(before);
    } finally {
      await admin.send('PATCH', `/api/roles/${sales.id}`, { fieldRules: {} });
    }
  });
});

describe('batch changes', () => {
  test('a manager hands customers of her team and of another team to one rep: hers change, the others are named and unchanged', async () => {
    const north = (await customersOwnedBy(crm.db, ids.liuYang)).slice(0, 8);
    // Already his: as asked, so among the changed, with nothing to audit.
    const already = (await customersOwnedBy(crm.db, ids.zhangWei))[0]!;
    const alreadyAudits = await auditRows(crm.db, 'customer', already);
    const east = (await customersOwnedBy(crm.db, ids.sunHao)).slice(0, 2);
    const eastBefore = await Promise.all(east.map((id) => customerRow(crm.db, id)));
    const res = await li.send('POST', '/api/customers/batch', {
      ids: [...north, already, ...east, 999_999],
      ownerId: ids.zhangWei,
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual([...north, already].sort());
    expect(await auditRows(crm.db, 'customer', already)).toEqual(alreadyAudits);
    expect(res.body.skipped).toHaveLength(3);
    // Another team's customers are not hers to see: named by id only, like one that does not exist.
    for (const id of [...east, 999_999])
      expect(res.body.skipped).toContainEqual({ id, reason: '客户不存在或不在你的数据范围内' });

    for (const id of north) {
      expect((await customerRow(crm.db, id))?.owner_id).toBe(ids.zhangWei);
      const [entry] = (await auditRows(crm.db, 'customer', id)).slice(-1);
      expect(entry).toMatchObject({
        actor_id: ids.liNa,
        action: 'update',
        changes: { owner: { before: ids.liuYang, after: ids.zhangWei } },
      });
    }
    expect(await Promise.all(east.map((id) => customerRow(crm.db, id)))).toEqual(eastBefore);
  });

  test("a rep sets the level and adds a tag on his own customers; a pool customer and a colleague's are named and unchanged", async () => {
    const mine = (await customersOwnedBy(crm.db, ids.zhangWei)).slice(0, 3);
    const theirs = (await customersOwnedBy(crm.db, ids.liuYang))[0]!;
    const pool = (
      await crm.db.query(
        'select id, name from customer where owner_id is null and deleted_at is null order by id limit 1',
      )
    ).rows[0];
    const poolBefore = await customerRow(crm.db, pool.id);
    const tag = (
      await crm.db.query(
        `select t.id from tag t join tag_group g on g.id = t.group_id where not g.exclusive limit 1`,
      )
    ).rows[0].id;
    const before = await customerRow(crm.db, theirs);
    const res = await zhang.send('POST', '/api/customers/batch', {
      ids: [...mine, pool.id, theirs],
      level: 'C',
      addTagIds: [tag],
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual([...mine].sort());
    expect(res.body.skipped).toEqual([
      { id: pool.id, name: pool.name, reason: '公海客户需要先认领才能修改' },
      { id: theirs, reason: '客户不存在或不在你的数据范围内' },
    ]);
    expect(await customerRow(crm.db, pool.id)).toEqual(poolBefore);
    for (const id of mine) {
      expect((await customerRow(crm.db, id))?.level).toBe('C');
      const tags = await crm.db.query('select 1 from customer_tag where customer_id = $1 and tag_id = $2', [
        id,
        tag,
      ]);
      expect(tags.rowCount).toBe(1);
    }
    expect(await customerRow(crm.db, theirs)).toEqual(before);
  });

  test('a batch handover tells the new owner once of all and each former owner once of theirs', async () => {
    const chen = await crm.userId('陈静');
    const fromLiu = (await customersOwnedBy(crm.db, ids.liuYang)).slice(-2);
    const fromChen = (await customersOwnedBy(crm.db, chen)).slice(-2);
    const nameOf = async (id: number) => (await customerRow(crm.db, id))?.name as string;
    const sandbox = sandboxOf(crm.server);
    const after = sandbox.state.messages.list({}).at(-1)?.seq ?? 0;
    const res = await li.send('POST', '/api/customers/batch', {
      ids: [...fromLiu, ...fromChen],
      ownerId: ids.zhangWei,
    });
    expect(res.status).toBe(200);
    const told = () => {
      const by: Record<string, string[]> = {};
      for (const m of sandbox.state.messages.list({ platform: 'wecom', chat: BOT_CHAT }))
        if (m.seq > after && m.direction === 'out' && textOf(m).startsWith('李娜 把客户'))
          for (const viewer of m.viewers) by[viewer] = [...(by[viewer] ?? []), textOf(m)];
      return by;
    };
    await waitFor(async () => (Object.keys(told()).length >= 3 ? true : undefined));
    await settleJobs(crm.db);
    expect(told()).toEqual({
      ZhangWei: [`李娜 把客户 ${await nameOf(fromLiu[0]!)}等 4 位 交给了你`],
      LiuYang: [`李娜 把客户 ${await nameOf(fromLiu[0]!)}等 2 位 交给了 张伟`],
      ChenJing: [`李娜 把客户 ${await nameOf(fromChen[0]!)}等 2 位 交给了 张伟`],
    });
  });

  test('batch delete moves the allowed ones to the recycle bin, each audited', async () => {
    const mine = (await customersOwnedBy(crm.db, ids.zhangWei)).slice(-2);
    const res = await zhang.send('POST', '/api/customers/batch', { ids: mine, delete: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ changed: mine, skipped: [] });
    for (const id of mine) {
      expect((await customerRow(crm.db, id))?.deleted_at).not.toBeNull();
      expect((await auditRows(crm.db, 'customer', id)).at(-1)).toMatchObject({ action: 'delete' });
    }
  });

  test('bad input: an owner who left, a right the role lacks, nothing to change; nothing changes', async () => {
    const before = await customerRows();
    const mine = (await customersOwnedBy(crm.db, ids.liuYang)).slice(0, 2);
    await crm.db.query('update app_user set active = false where id = $1', [ids.sunHao]);
    try {
      const left = await admin.send('POST', '/api/customers/batch', { ids: mine, ownerId: ids.sunHao });
      expect(left.status).toBe(400);
      expect(left.body).toMatchObject({
        type: problem('owner-left'),
        title: '孙浩 已离职，不能成为客户负责人',
      });
    } finally {
      await crm.db.query('update app_user set active = true where id = $1', [ids.sunHao]);
    }
    const rep = await zhang.send('POST', '/api/customers/batch', { ids: mine, ownerId: ids.zhangWei });
    expect(rep.status).toBe(403);
    expect(rep.body.title).toBe('你的角色可以查看客户，但不能转交，请联系管理员');
    const empty = await admin.send('POST', '/api/customers/batch', { ids: mine });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].message).toBe('请选择要批量修改的内容：负责人、等级或标签，或批量删除');
    expect(await customerRows()).toEqual(before);
  });
});

describe('bad grid input', () => {
  test.each([
    [
      { filters: [{ column: 'budget', op: 'eq', value: 'x' }] },
      'grid-column-unknown',
      '没有「budget」这一列',
    ],
    [{ sort: '-cf.不存在' }, 'grid-column-unknown', '没有「cf.不存在」这一列'],
    [{ sort: 'tags' }, 'grid-sort-invalid', '「标签」列不能排序'],
    [
      { filters: [{ column: 'createdAt', op: 'contains', value: 'x' }] },
      'grid-filter-invalid',
      '「创建时间」列的筛选条件无效（包含）',
    ],
    [
      { filters: [{ column: 'createdAt', op: 'gte', value: '昨天' }] },
      'grid-filter-invalid',
      '「创建时间」列的筛选条件无效（不早于/不小于）',
    ],
  ])('%j → %s', async (params, type, title) => {
    const res = await grid(zhang, params);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: problem(type), title });
  });

  test('malformed filters JSON and a cursor of another sort are 400 on their field', async () => {
    const bad = await zhang.get('/api/customers/grid?filters=%5Bnope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('filters');
    const first = await grid(zhang, { sort: 'name', limit: 2 });
    const mixed = await grid(zhang, { sort: '-name', cursor: first.body.nextCursor });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].message).toBe('翻页游标与排序方式不一致，请从第一页重新开始');
  });
});

describe('saved views', () => {
  test('each person keeps their own: create, list, rename, delete; another person cannot see or touch them', async () => {
    const view = {
      object: 'customers',
      name: 'A 类客户',
      columns: ['name', 'level', 'owner', 'cf.年采购额'],
      sort: '-updatedAt',
      filters: [{ column: 'level', op: 'eq', value: 'A' }],
    };
    const created = await zhang.send('POST', '/api/views', view);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...view, id: expect.any(Number) });
    const again = await zhang.send('POST', '/api/views', view);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      type: problem('view-name-taken'),
      title: '已有名为「A 类客户」的视图',
    });

    expect((await zhang.get('/api/views?object=customers')).body.items).toEqual([created.body]);
    expect((await li.get('/api/views?object=customers')).body.items).toEqual([]);
    expect((await li.send('PATCH', `/api/views/${created.body.id}`, { name: '偷改' })).status).toBe(404);
    expect((await li.send('DELETE', `/api/views/${created.body.id}`)).status).toBe(404);

    const renamed = await zhang.send('PATCH', `/api/views/${created.body.id}`, {
      name: '重点客户',
      columns: ['level', 'name'],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '重点客户', columns: ['level', 'name'] });
    expect((await zhang.send('DELETE', `/api/views/${created.body.id}`)).status).toBe(204);
    expect((await zhang.get('/api/views?object=customers')).body.items).toEqual([]);
  });

  test('a view naming an unknown column or a filter its column does not take is refused, and not saved', async () => {
    const unknown = await zhang.send('POST', '/api/views', {
      object: 'customers',
      name: 'x',
      columns: ['name', 'budget'],
      sort: 'name',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      type: problem('grid-column-unknown'),
      title: '没有「budget」这一列',
    });
    const badFilter = await zhang.send('POST', '/api/views', {
      object: 'customers',
      name: 'y',
      columns: ['name'],
      sort: 'name',
      filters: [{ column: 'tags', op: 'contains', value: 'x' }],
    });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.type).toBe(problem('grid-filter-invalid'));
    const other = await zhang.send('POST', '/api/views', {
      object: 'orders',
      name: 'z',
      columns: ['name'],
      sort: 'name',
    });
    expect(other.status).toBe(400);
    expect((await zhang.get('/api/views?object=customers')).body.items).toEqual([]);
  });
});
