// The deals grid's API (issue 19) on the demo company: deals sorted and filtered by any column,
// paged by keyset, within the viewer's data scope and the opportunity's field rules (amount hidden
// or masked); in-place edits through the deal's own routes; batch changes (owner, stage, recycle
// bin) where the deals in the editor's scope change and the others are named and left as they
// were; saved views of deals. Bad input gets a Chinese title and a stable type, and changes nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BOT_CHAT } from '../../src/sandbox/state/messages.js';
import { allPages, auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';
import { settleJobs } from '../support/jobs.js';
import { sandboxOf, textOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';

let crm: Crm;
let admin: Session;
let li: Session;
let zhang: Session;
let ids: Record<'zhangWei' | 'liuYang' | 'sunHao' | 'liNa', number>;
let stages: { id: number; name: string; outcome: string; position: number }[];

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
  stages = (await admin.get('/api/stages')).body.items;
});
afterAll(() => crm.stop());

const problem = (type: string) => `urn:kelian:problem:${type}`;
const grid = (session: Session, params: Record<string, unknown>) => {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  return session.get(`/api/opportunities/grid?${query}`);
};
const dealRows = async () => (await crm.db.query('select * from opportunity order by id')).rows;
const dealRow = async (id: number) =>
  (await crm.db.query('select * from opportunity where id = $1', [id])).rows[0] as Record<string, unknown>;
/** Open, live deals whose owner is this user, oldest first. */
const openDealsOf = async (userId: number) =>
  (
    await crm.db.query<{ id: number }>(
      `select o.id from opportunity o join customer c on c.id = o.customer_id
        where o.owner_id = $1 and c.owner_id = $1 and o.status = 'open' and o.deleted_at is null and c.deleted_at is null
        order by o.id`,
      [userId],
    )
  ).rows.map((r) => r.id);
const stageNamed = (name: string) => stages.find((s) => s.name === name)!;

describe('sorting, filtering and paging', () => {
  test('by amount over every page: each deal the rep may see once, in order; a stage filter keeps that stage', async () => {
    const pages = (await allPages(zhang, '/api/opportunities/grid?sort=-amountCents', 3)) as unknown as {
      id: number;
      amountCents: number;
    }[];
    const everything = await allPages(zhang, '/api/opportunities', 50);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.map((d) => d.id).sort()).toEqual(everything.map((d) => d.id).sort());
    const keys = pages.map((d) => [d.amountCents, d.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] === b[0] ? b[1] - a[1] : b[0] - a[0])));

    const stage = stageNamed('方案报价');
    const res = await grid(admin, {
      filters: [
        { column: 'stage', op: 'in', value: [String(stage.id)] },
        { column: 'amountCents', op: 'gte', value: 500_000_00 },
      ],
      limit: 100,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const d of res.body.items) {
      expect(d.stage.name).toBe('方案报价');
      expect(d.amountCents).toBeGreaterThanOrEqual(500_000_00);
    }
  });

  test('by customer name, expected date, probability; filtered by customer, owner and expected date', async () => {
    const byCustomer = (await allPages(li, '/api/opportunities/grid?sort=customer', 4)) as unknown as {
      customer: { name: string };
    }[];
    const names = byCustomer.map((d) => d.customer.name);
    expect(names).toEqual([...names].sort());

    const byDate = (await allPages(li, '/api/opportunities/grid?sort=-expectedCloseDate', 5)) as unknown as {
      expectedCloseDate: string | null;
    }[];
    const dates = byDate.map((d) => d.expectedCloseDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());

    const byChance = (await allPages(li, '/api/opportunities/grid?sort=probability', 5)) as unknown as {
      stage: { probability: number };
    }[];
    const chances = byChance.map((d) => d.stage.probability);
    expect(chances).toEqual([...chances].sort((a, b) => a - b));

    const day = byDate.find((d) => d.expectedCloseDate)!.expectedCloseDate!;
    const some = byCustomer[0]!;
    const res = await grid(li, {
      filters: [
        { column: 'customer', op: 'contains', value: some.customer.name.slice(0, 2) },
        { column: 'owner', op: 'in', value: [ids.liuYang, ids.zhangWei] },
        { column: 'expectedCloseDate', op: 'lte', value: day },
      ],
      limit: 100,
    });
    expect(res.status).toBe(200);
    for (const d of res.body.items) {
      expect(d.customer.name).toContain(some.customer.name.slice(0, 2));
      expect([ids.liuYang, ids.zhangWei]).toContain(d.owner.id);
      expect(d.expectedCloseDate <= day).toBe(true);
    }
  });

  test('the columns: the built-in ones in Chinese, stages as choices, editable as the field rules say', async () => {
    const res = await zhang.get('/api/opportunities/grid/columns');
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(res.body.items.map((c: { key: string }) => [c.key, c]));
    expect(res.body.items.map((c: { label: string }) => c.label)).toEqual(
      expect.arrayContaining(['商机名称', '客户', '阶段', '金额', '预计成交日期', '负责人', '赢率', '状态']),
    );
    expect(byKey.amountCents).toMatchObject({
      type: 'number',
      editable: true,
      masked: false,
      sortable: true,
    });
    expect(byKey.stage.options.map((o: { label: string }) => o.label)).toContain('商务谈判');
    expect(byKey.stage.editable).toBe(true);
    expect(byKey.customer.editable).toBe(false);
  });
});

describe('custom fields of deals', () => {
  test('a column per definition, shown and sorted as numbers; not edited in the grid', async () => {
    const created = await admin.send('POST', '/api/custom-fields', {
      object: 'opportunity',
      key: '折扣',
      label: '折扣（%）',
      type: 'number',
    });
    expect(created.status).toBe(201);
    const mine = (await openDealsOf(ids.zhangWei)).slice(0, 3);
    const discounts = [15, 5, 30];
    for (const [i, id] of mine.entries())
      await crm.db.query(
        `update opportunity set custom_fields = jsonb_build_object('折扣', $2::int) where id = $1`,
        [id, discounts[i]],
      );
    const columns = (await zhang.get('/api/opportunities/grid/columns')).body.items;
    expect(columns.find((c: { key: string }) => c.key === 'cf.折扣')).toMatchObject({
      label: '折扣（%）',
      type: 'number',
      sortable: true,
      editable: false,
    });
    // A page a deal: each next page starts after the last one's discount.
    const filters = encodeURIComponent(JSON.stringify([{ column: 'cf.折扣', op: 'gte', value: 5 }]));
    const pages = (await allPages(
      zhang,
      `/api/opportunities/grid?sort=-cf.折扣&filters=${filters}`,
      1,
    )) as unknown as {
      customFields: Record<string, number>;
    }[];
    expect(pages.map((d) => d.customFields.折扣)).toEqual([30, 15, 5]);
  });
});

describe('field rules on the amount', () => {
  test('masked: shown masked, not editable in place; hidden: no column, no value, not sortable or filterable', async () => {
    const sales = (await admin.get('/api/roles')).body.items.find(
      (r: { code: string }) => r.code === 'sales',
    );
    const rule = (amountCents?: string) =>
      admin.send('PATCH', `/api/roles/${sales.id}`, {
        fieldRules: amountCents ? { opportunity: { amountCents } } : {},
      });
    const before = await dealRows();
    try {
      expect((await rule('masked')).status).toBe(200);
      const columns = (await zhang.get('/api/opportunities/grid/columns')).body.items;
      expect(columns.find((c: { key: string }) => c.key === 'amountCents')).toMatchObject({
        masked: true,
        editable: false,
      });
      const page = await grid(zhang, { limit: 5 });
      expect(page.status).toBe(200);
      for (const d of page.body.items) expect(typeof d.amountCents).toBe('string');
      const mine = (await openDealsOf(ids.zhangWei))[0]!;
      const edit = await zhang.send('PATCH', `/api/opportunities/${mine}`, { amountCents: 1 });
      expect(edit.status).toBe(403);

      expect((await rule('readonly')).status).toBe(200);
      const readonly = (await zhang.get('/api/opportunities/grid/columns')).body.items;
      expect(readonly.find((c: { key: string }) => c.key === 'amountCents')).toMatchObject({
        editable: false,
      });
      const refused = await zhang.send('PATCH', `/api/opportunities/${mine}`, { amountCents: 1 });
      expect(refused.status).toBe(403);
      expect(refused.body.errors[0].message).toBe('「金额」是只读字段，不能修改');

      expect((await rule('hidden')).status).toBe(200);
      const hidden = (await zhang.get('/api/opportunities/grid/columns')).body.items;
      expect(hidden.map((c: { key: string }) => c.key)).not.toContain('amountCents');
      for (const d of (await grid(zhang, { limit: 5 })).body.items)
        expect(d).not.toHaveProperty('amountCents');
      // Sorting or filtering by it would tell its values by elimination.
      for (const params of [
        { sort: '-amountCents' },
        { filters: [{ column: 'amountCents', op: 'gte', value: 1 }] },
      ]) {
        const refused = await grid(zhang, params);
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({
          type: problem('field-refused'),
          errors: [{ field: 'amountCents', message: '你无权按「金额」筛选或排序' }],
        });
      }
    } finally {
      await rule();
    }
    expect(await dealRows()).toEqual(before);
  });
});

describe('in-place edits are the deal’s own routes', () => {
  test('an amount in cents is saved and audited; a bad amount is refused in Chinese and changes nothing', async () => {
    const mine = (await openDealsOf(ids.zhangWei))[0]!;
    const before = await dealRow(mine);
    for (const amountCents of [-5, 12.5, '一万']) {
      const bad = await zhang.send('PATCH', `/api/opportunities/${mine}`, { amountCents });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].message).toBe('金额应为以分计的非负整数');
    }
    expect(await dealRow(mine)).toEqual(before);
    const ok = await zhang.send('PATCH', `/api/opportunities/${mine}`, { amountCents: 888_000_00 });
    expect(ok.status).toBe(200);
    expect(Number((await dealRow(mine)).amount_cents)).toBe(888_000_00);
    const row = (await grid(zhang, { filters: [{ column: 'amountCents', op: 'eq', value: 888_000_00 }] }))
      .body.items;
    expect(row.map((d: { id: number }) => d.id)).toContain(mine);
  });
});

describe('batch changes', () => {
  test('a manager moves her team’s deals and another team’s to a stage: hers move (history, audit), the others are named and unchanged', async () => {
    const to = stageNamed('商务谈判');
    const north = (await openDealsOf(ids.liuYang)).slice(0, 3);
    const east = (await openDealsOf(ids.sunHao)).slice(0, 2);
    const eastBefore = await Promise.all(east.map(dealRow));
    const won = (
      await crm.db.query(
        `select o.id, o.name from opportunity o join customer c on c.id = o.customer_id
          where o.status = 'won' and o.owner_id = $1 and c.owner_id = $1 limit 1`,
        [ids.liuYang],
      )
    ).rows[0];
    expect(north.length).toBe(3);
    expect(east.length).toBe(2);
    const res = await li.send('POST', '/api/opportunities/batch', {
      ids: [...north, ...east, ...(won ? [won.id] : []), 999_999],
      stageId: to.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.changed.sort()).toEqual([...north].sort());
    for (const id of [...east, 999_999])
      expect(res.body.skipped).toContainEqual({ id, reason: '商机不存在或不在你的数据范围内' });
    if (won)
      expect(res.body.skipped).toContainEqual({ id: won.id, name: won.name, reason: '这个商机已经赢单了' });
    for (const id of north) {
      expect((await dealRow(id)).stage_id).toBe(to.id);
      const history = await li.get(`/api/opportunities/${id}`);
      expect(history.body.history.at(-1)).toMatchObject({ to: { name: '商务谈判' }, by: { name: '李娜' } });
    }
    expect(await Promise.all(east.map(dealRow))).toEqual(eastBefore);
  });

  test('a manager hands deals to a rep, audited; a rep may not hand deals over; an owner who left is refused', async () => {
    const north = (await openDealsOf(ids.liuYang)).slice(-2);
    const sandbox = sandboxOf(crm.server);
    const after = sandbox.state.messages.list({}).at(-1)?.seq ?? 0;
    const res = await li.send('POST', '/api/opportunities/batch', { ids: north, ownerId: ids.zhangWei });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ changed: north, skipped: [] });
    // The new owner is told once of both, the former owner once of his.
    const first = (await dealRow(north[0]!)).name as string;
    const told = () => {
      const by: Record<string, string[]> = {};
      for (const m of sandbox.state.messages.list({ platform: 'wecom', chat: BOT_CHAT }))
        if (m.seq > after && m.direction === 'out' && textOf(m).startsWith('李娜 把商机'))
          for (const viewer of m.viewers) by[viewer] = [...(by[viewer] ?? []), textOf(m)];
      return by;
    };
    await waitFor(async () => (Object.keys(told()).length >= 2 ? true : undefined));
    await settleJobs(crm.db);
    expect(told()).toEqual({
      ZhangWei: [`李娜 把商机 ${first}等 2 个 交给了你`],
      LiuYang: [`李娜 把商机 ${first}等 2 个 交给了 张伟`],
    });
    for (const id of north) {
      expect((await dealRow(id)).owner_id).toBe(ids.zhangWei);
      expect((await auditRows(crm.db, 'opportunity', id)).at(-1)).toMatchObject({
        actor_id: ids.liNa,
        action: 'update',
        changes: { owner: { before: ids.liuYang, after: ids.zhangWei } },
      });
    }

    const before = await dealRows();
    const mine = (await openDealsOf(ids.zhangWei)).slice(0, 2);
    const rep = await zhang.send('POST', '/api/opportunities/batch', { ids: mine, ownerId: ids.liuYang });
    expect(rep.status).toBe(403);
    expect(rep.body).toMatchObject({
      type: problem('forbidden'),
      title: '你的角色可以查看商机，但不能转交，请联系管理员',
    });
    await crm.db.query('update app_user set active = false where id = $1', [ids.sunHao]);
    try {
      const left = await admin.send('POST', '/api/opportunities/batch', { ids: mine, ownerId: ids.sunHao });
      expect(left.status).toBe(400);
      expect(left.body).toMatchObject({ type: problem('owner-left') });
    } finally {
      await crm.db.query('update app_user set active = true where id = $1', [ids.sunHao]);
    }
    const closed = await admin.send('POST', '/api/opportunities/batch', {
      ids: mine,
      stageId: stageNamed('赢单').id,
    });
    expect(closed.status).toBe(400);
    expect(closed.body.errors[0].message).toBe('赢单和输单请使用“赢单”“输单”操作');
    const nothing = await admin.send('POST', '/api/opportunities/batch', { ids: mine });
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors[0].message).toBe('请选择要批量修改的内容：负责人或阶段，或批量删除');
    expect(await dealRows()).toEqual(before);
  });

  test('a rep deletes his own deals: to the recycle bin, audited, gone from the grid; procurement may not', async () => {
    const mine = (await openDealsOf(ids.zhangWei)).slice(-2);
    const before = await dealRows();
    const buyer = await crm.as('马超');
    const refused = await buyer.send('POST', '/api/opportunities/batch', { ids: mine, delete: true });
    expect(refused.status).toBe(403);
    expect(refused.body.title).toBe('你的角色可以查看商机，但不能删除，请联系管理员');
    expect(await dealRows()).toEqual(before);

    const res = await zhang.send('POST', '/api/opportunities/batch', { ids: mine, delete: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ changed: mine, skipped: [] });
    for (const id of mine) {
      expect((await dealRow(id)).deleted_at).not.toBeNull();
      expect((await auditRows(crm.db, 'opportunity', id)).at(-1)).toMatchObject({ action: 'delete' });
    }
    const left = await allPages(zhang, '/api/opportunities/grid', 50);
    for (const id of mine) expect(left.map((d) => d.id)).not.toContain(id);
  });
});

describe('bad grid input', () => {
  test.each([
    [
      { filters: [{ column: 'budget', op: 'eq', value: 'x' }] },
      'grid-column-unknown',
      '没有「budget」这一列',
    ],
    [{ sort: '-level' }, 'grid-column-unknown', '没有「level」这一列'],
    [
      { filters: [{ column: 'amountCents', op: 'contains', value: '1' }] },
      'grid-filter-invalid',
      '「金额」列的筛选条件无效（包含）',
    ],
    [
      { filters: [{ column: 'amountCents', op: 'gte', value: '一万' }] },
      'grid-filter-invalid',
      '「金额」列的筛选条件无效（不早于/不小于）',
    ],
    [
      { filters: [{ column: 'expectedCloseDate', op: 'lte', value: '下个月' }] },
      'grid-filter-invalid',
      '「预计成交日期」列的筛选条件无效（不晚于/不大于）',
    ],
    [
      { filters: [{ column: 'stage', op: 'in', value: ['不存在'] }] },
      'grid-filter-invalid',
      '「阶段」列的筛选条件无效（属于）',
    ],
  ])('%j → %s', async (params, type, title) => {
    const res = await grid(zhang, params);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: problem(type), title });
  });
});

describe('saved views of deals', () => {
  test('a view of deals is saved and listed apart from customers’; one naming a customers’ column is refused', async () => {
    const created = await li.send('POST', '/api/views', {
      object: 'deals',
      name: '大额商机',
      columns: ['name', 'customer', 'amountCents', 'stage'],
      sort: '-amountCents',
      filters: [{ column: 'amountCents', op: 'gte', value: 1_000_000_00 }],
    });
    expect(created.status).toBe(201);
    expect((await li.get('/api/views?object=deals')).body.items.map((v: { name: string }) => v.name)).toEqual(
      ['大额商机'],
    );
    expect((await li.get('/api/views?object=customers')).body.items).toEqual([]);
    const bad = await li.send('POST', '/api/views', {
      object: 'deals',
      name: '按等级',
      columns: ['name', 'level'],
      sort: 'name',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ type: problem('grid-column-unknown') });
  });
});
