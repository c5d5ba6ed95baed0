// The leads grid's API (issue 19) on the demo company: leads sorted and filtered by any column
// (custom fields too), paged by keyset, within what the viewer sees of leads (their own, their
// scope's, their teams' unclaimed ones) and under the field rules; batch hand-overs, returns to the
// pool and closings where the leads the editor may change change and the others are named and left
// as they were; saved views of leads. Bad input gets a Chinese title and a stable type, and changes
// nothing. Everything goes through real sessions over HTTP.
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
let sun: Session;
let ids: Record<'zhangWei' | 'liuYang' | 'sunHao' | 'liNa', number>;
/** The leads made for the test: claimed by 张伟 / by 孙浩 (east), waiting in the north team / the pool. */
let leads: Record<'zhang' | 'east' | 'northNew' | 'pool', number[]>;

const problem = (type: string) => `urn:kelian:problem:${type}`;
const grid = (session: Session, params: Record<string, unknown>) => {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  return session.get(`/api/leads/grid?${query}`);
};
const leadRow = async (id: number) =>
  (await crm.db.query('select * from lead where id = $1', [id])).rows[0] as Record<string, unknown>;
const leadRows = async () => (await crm.db.query('select * from lead order by id')).rows;

async function newLead(session: Session, company: string, region: string, mobile: string) {
  const res = await session.send('POST', '/api/leads', { company, region, mobile, contactName: '王经理' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}
async function claimed(session: Session, id: number) {
  expect((await session.send('POST', `/api/leads/${id}/claim`)).status).toBe(200);
  return id;
}

beforeAll(async () => {
  crm = await startCrm();
  admin = await crm.as('徐明');
  li = await crm.as('李娜');
  zhang = await crm.as('张伟');
  sun = await crm.as('孙浩');
  ids = {
    zhangWei: await crm.userId('张伟'),
    liuYang: await crm.userId('刘洋'),
    sunHao: await crm.userId('孙浩'),
    liNa: await crm.userId('李娜'),
  };
  // 北京 goes to the north team's claim pool, 上海 to the east's, 新疆 to nobody's (公海).
  leads = { zhang: [], east: [], northNew: [], pool: [] };
  for (let i = 1; i <= 6; i++)
    leads.zhang.push(
      await claimed(zhang, await newLead(admin, `北京星火科技${i}号`, '北京', `1381000000${i}`)),
    );
  for (let i = 1; i <= 2; i++)
    leads.east.push(await claimed(sun, await newLead(admin, `上海东方贸易${i}号`, '上海', `1382000000${i}`)));
  for (let i = 1; i <= 3; i++)
    leads.northNew.push(await newLead(admin, `天津海河制造${i}号`, '天津', `1383000000${i}`));
  leads.pool.push(await newLead(admin, '乌鲁木齐天山商贸', '新疆', '13840000001'));
  await settleJobs(crm.db);
});
afterAll(() => crm.stop());

describe('columns, sorting, filtering and paging', () => {
  test('the columns: status in words, the owner changed only by whoever may hand leads over, the contact mobile only filtered as empty', async () => {
    const columns = (await zhang.get('/api/leads/grid/columns')).body.items;
    expect(columns.map((c: { key: string }) => c.key)).toEqual([
      'company',
      'contactName',
      'mobile',
      'status',
      'owner',
      'source',
      'region',
      'industry',
      'email',
      'lastActivityAt',
      'createdAt',
      'updatedAt',
    ]);
    const byKey = Object.fromEntries(columns.map((c: { key: string }) => [c.key, c]));
    expect(byKey.status.options).toEqual([
      { value: 'new', label: '待认领' },
      { value: 'claimed', label: '已认领' },
      { value: 'invalid', label: '无效' },
      { value: 'converted', label: '已转化' },
    ]);
    expect(byKey.mobile).toMatchObject({ sortable: false, filterOps: ['empty'], editable: true });
    expect(byKey.company).toMatchObject({ sortable: true, editable: true });
    expect(byKey.owner).toMatchObject({ type: 'person', editable: false });
    const manager = (await li.get('/api/leads/grid/columns')).body.items;
    expect(manager.find((c: { key: string }) => c.key === 'owner')).toMatchObject({ editable: true });
  });

  test('by company over every page, each lead once; a rep sees his own and his team’s waiting ones, not the east’s', async () => {
    const pages = (await allPages(zhang, '/api/leads/grid?sort=company', 4)) as {
      id: number;
      company: string;
    }[];
    const seen = pages.map((l) => l.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...leads.zhang, ...leads.northNew, ...leads.pool].sort());
    // Ordered by company, then id: what the same rows sorted here give.
    const byCompany = [...pages].sort((a, b) =>
      a.company === b.company ? a.id - b.id : a.company < b.company ? -1 : 1,
    );
    expect(pages.map((l) => l.id)).toEqual(byCompany.map((l) => l.id));

    const mine = await grid(zhang, {
      sort: '-createdAt',
      filters: [
        { column: 'status', op: 'in', value: ['claimed'] },
        { column: 'owner', op: 'in', value: [ids.zhangWei] },
      ],
    });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((l: { id: number }) => l.id)).toEqual([...leads.zhang].reverse());
    // The owner's own: the mobile in full, and the fields he may edit in place.
    expect(mine.body.items[0]).toMatchObject({
      mobile: '13810000006',
      status: 'claimed',
      owner: { id: ids.zhangWei, name: '张伟' },
      fieldAccess: { editable: expect.arrayContaining(['company', 'mobile', 'industry']) },
    });
    // The search box: a company or contact's name, `%` itself.
    const found = await grid(zhang, { q: '海河', sort: 'createdAt' });
    expect(found.body.items.map((l: { id: number }) => l.id)).toEqual(leads.northNew);
    expect((await grid(zhang, { q: '%' })).body.items).toEqual([]);
    // 孙浩's leads are east's: filtering by him finds nothing for 张伟.
    const other = await grid(zhang, { filters: [{ column: 'owner', op: 'in', value: [ids.sunHao] }] });
    expect(other.body.items).toEqual([]);
  });

  test('a lead waiting to be claimed shows its mobile masked to everyone and cannot be edited in place', async () => {
    const waiting = await grid(li, { filters: [{ column: 'status', op: 'in', value: ['new'] }] });
    const row = waiting.body.items.find((l: { id: number }) => l.id === leads.northNew[0]);
    expect(row).toMatchObject({ mobile: '138****0001', status: 'new', owner: null });
    expect(row.fieldAccess.editable).toEqual([]);
    const noMobile = await grid(li, { filters: [{ column: 'mobile', op: 'empty' }] });
    expect(noMobile.body.items).toEqual([]);
  });

  test('custom fields of leads: a column per definition, filtered and sorted', async () => {
    const created = await admin.send('POST', '/api/custom-fields', {
      object: 'lead',
      key: '意向',
      label: '意向程度',
      type: 'select',
      options: ['高', '中', '低'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [a, b, c] = leads.zhang as [number, number, number];
    await crm.db.query(`update lead set custom_fields = jsonb_build_object('意向', $2::text) where id = $1`, [
      a,
      '高',
    ]);
    await crm.db.query(`update lead set custom_fields = jsonb_build_object('意向', $2::text) where id = $1`, [
      b,
      '低',
    ]);
    await crm.db.query(`update lead set custom_fields = jsonb_build_object('意向', $2::text) where id = $1`, [
      c,
      '高',
    ]);
    const columns = (await zhang.get('/api/leads/grid/columns')).body.items;
    expect(columns).toContainEqual(
      expect.objectContaining({ key: 'cf.意向', label: '意向程度', type: 'choice', sortable: true }),
    );
    const high = await grid(zhang, {
      sort: 'cf.意向',
      filters: [{ column: 'cf.意向', op: 'in', value: ['高'] }],
    });
    expect(high.status).toBe(200);
    expect(high.body.items.map((l: { id: number }) => l.id)).toEqual([a, c]);
    expect(high.body.items[0].customFields).toEqual({ 意向: '高' });
  });
});

describe('field rules and in-place edits', () => {
  test('the owner edits a cell through the lead’s PATCH; a hidden field is no column and no filter, a read-only one no edit', async () => {
    const id = leads.zhang[5]!;
    const edited = await zhang.send('PATCH', `/api/leads/${id}`, { industry: '新能源' });
    expect(edited.status).toBe(200);
    const page = await grid(zhang, { filters: [{ column: 'industry', op: 'eq', value: '新能源' }] });
    expect(page.body.items.map((l: { id: number }) => l.id)).toEqual([id]);

    const sales = (await admin.get('/api/roles')).body.items.find(
      (r: { code: string }) => r.code === 'sales',
    );
    const ruled = await admin.send('PATCH', `/api/roles/${sales.id}`, {
      fieldRules: { lead: { mobile: 'hidden', industry: 'readonly' } },
    });
    expect(ruled.status).toBe(200);
    try {
      const columns = (await zhang.get('/api/leads/grid/columns')).body.items;
      expect(columns.map((c: { key: string }) => c.key)).not.toContain('mobile');
      expect(columns.find((c: { key: string }) => c.key === 'industry')).toMatchObject({ editable: false });
      const refused = await grid(zhang, { filters: [{ column: 'mobile', op: 'empty' }] });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ type: problem('field-refused') });
      expect(refused.body.errors[0].message).toBe('你无权按「手机」筛选或排序');
      const row = (await grid(zhang, {})).body.items.find((l: { id: number }) => l.id === id);
      expect(row.mobile).toBeUndefined();
      expect(row.fieldAccess.editable).not.toContain('industry');

      const before = await leadRow(id);
      const edit = await zhang.send('PATCH', `/api/leads/${id}`, { industry: '化工' });
      expect(edit.status).toBe(403);
      expect(edit.body.errors[0].message).toBe('「行业」是只读字段，不能修改');
      expect(await leadRow(id)).toEqual(before);
    } finally {
      await admin.send('PATCH', `/api/roles/${sales.id}`, { fieldRules: {} });
    }
  });
});

describe('batch changes', () => {
  test('a manager hands her team’s leads (claimed and waiting) and another team’s to one rep: hers change, the others are named and unchanged', async () => {
    const mine = [leads.zhang[0]!, leads.zhang[1]!, leads.northNew[0]!];
    const eastBefore = await Promise.all(leads.east.map(leadRow));
    const res = await li.send('POST', '/api/leads/batch', {
      ids: [...mine, ...leads.east, 999_999],
      ownerId: ids.liuYang,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changed).toEqual(mine);
    expect(res.body.skipped).toEqual(
      [...leads.east, 999_999].map((id) => ({ id, reason: '线索不存在或不在你的数据范围内' })),
    );
    for (const id of mine) {
      expect(await leadRow(id)).toMatchObject({ owner_id: ids.liuYang, status: 'claimed' });
      expect((await auditRows(crm.db, 'lead', id)).at(-1)).toMatchObject({
        actor_id: ids.liNa,
        action: 'update',
        changes: { owner: { after: ids.liuYang } },
      });
    }
    expect((await leadRow(leads.northNew[0]!)).claimed_at).not.toBeNull();
    expect(await Promise.all(leads.east.map(leadRow))).toEqual(eastBefore);
  });

  test('a batch handover tells the new owner once of all and the former owner once of theirs', async () => {
    const sandbox = sandboxOf(crm.server);
    // The earlier hand-over's messages are sent first: only this one's are counted.
    await settleJobs(crm.db);
    const after = sandbox.state.messages.list({}).at(-1)?.seq ?? 0;
    const res = await li.send('POST', '/api/leads/batch', {
      ids: [leads.zhang[2]!, leads.zhang[3]!],
      ownerId: ids.liuYang,
    });
    expect(res.body.changed).toHaveLength(2);
    const told = () => {
      const by: Record<string, string[]> = {};
      for (const m of sandbox.state.messages.list({ platform: 'wecom', chat: BOT_CHAT }))
        if (m.seq > after && m.direction === 'out' && textOf(m).startsWith('李娜 把线索'))
          for (const viewer of m.viewers) by[viewer] = [...(by[viewer] ?? []), textOf(m)];
      return by;
    };
    await waitFor(async () => (Object.keys(told()).length >= 2 ? true : undefined));
    await settleJobs(crm.db);
    expect(told()).toEqual({
      LiuYang: ['李娜 把线索 北京星火科技3号等 2 条 交给了你'],
      ZhangWei: ['李娜 把线索 北京星火科技3号等 2 条 交给了 刘洋'],
    });
  });

  test('back to the pool: the claimed ones go, a waiting one is named with the reason', async () => {
    const [claimedOne] = [leads.zhang[4]!];
    const waiting = leads.northNew[1]!;
    const waitingBefore = await leadRow(waiting);
    const res = await zhang.send('POST', '/api/leads/batch', { ids: [claimedOne, waiting], release: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      changed: [claimedOne],
      skipped: [{ id: waiting, name: '天津海河制造2号', reason: '只有已认领的线索可以退回公海' }],
    });
    expect(await leadRow(claimedOne)).toMatchObject({ status: 'new', owner_id: null, claimed_at: null });
    expect(await leadRow(waiting)).toEqual(waitingBefore);
  });

  test('marked invalid with one reason; a lead already closed is named and keeps its reason and owner', async () => {
    const closed = leads.northNew[2]!;
    expect((await zhang.send('POST', `/api/leads/${closed}/invalid`, { reason: '空号' })).status).toBe(200);
    const own = leads.zhang[5]!;
    // As a manager 李娜 sees the closed lead no more (it left the team's list): she closes her rep's.
    const res = await li.send('POST', '/api/leads/batch', {
      ids: [own, leads.northNew[0]!],
      invalid: '重复登记',
    });
    expect(res.status).toBe(200);
    expect(res.body.changed).toEqual([own, leads.northNew[0]!]);
    expect(await leadRow(own)).toMatchObject({ status: 'invalid', invalid_reason: '重复登记' });
    const again = await li.send('POST', '/api/leads/batch', { ids: [own], invalid: '再关一次' });
    expect(again.body).toEqual({
      changed: [],
      skipped: [{ id: own, name: '北京星火科技6号', reason: '这条线索已关闭' }],
    });
    const handed = await li.send('POST', '/api/leads/batch', { ids: [own], ownerId: ids.zhangWei });
    expect(handed.body.skipped).toEqual([{ id: own, name: '北京星火科技6号', reason: '这条线索已关闭' }]);
    expect(await leadRow(own)).toMatchObject({ status: 'invalid', invalid_reason: '重复登记' });
  });

  test('bad input: a rep handing over, an owner who left, no action or two; nothing changes', async () => {
    const before = await leadRows();
    const rep = await zhang.send('POST', '/api/leads/batch', { ids: leads.pool, ownerId: ids.zhangWei });
    expect(rep.status).toBe(403);
    expect(rep.body).toMatchObject({
      type: problem('forbidden'),
      title: '你的角色可以查看线索，但不能转交，请联系管理员',
    });
    await crm.db.query('update app_user set active = false where id = $1', [ids.zhangWei]);
    try {
      const left = await li.send('POST', '/api/leads/batch', { ids: leads.pool, ownerId: ids.zhangWei });
      expect(left.status).toBe(400);
      expect(left.body).toMatchObject({
        type: problem('lead-owner-left'),
        title: '张伟 已离职，不能成为线索负责人',
      });
    } finally {
      await crm.db.query('update app_user set active = true where id = $1', [ids.zhangWei]);
    }
    const none = await li.send('POST', '/api/leads/batch', { ids: leads.pool });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].message).toBe(
      '请选择一项批量操作：转交负责人（ownerId）、退回公海（release）或标记无效（invalid）',
    );
    const two = await li.send('POST', '/api/leads/batch', {
      ids: leads.pool,
      release: true,
      invalid: '空号',
    });
    expect(two.status).toBe(400);
    expect(await leadRows()).toEqual(before);
  });
});

describe('bad grid input and saved views', () => {
  test.each([
    [{ filters: [{ column: 'level', op: 'eq', value: 'A' }] }, 'grid-column-unknown', '没有「level」这一列'],
    [{ sort: 'mobile' }, 'grid-sort-invalid', '「手机」列不能排序'],
    [
      { filters: [{ column: 'mobile', op: 'contains', value: '1381' }] },
      'grid-filter-invalid',
      '「手机」列的筛选条件无效（包含）',
    ],
    [
      { filters: [{ column: 'status', op: 'in', value: ['lost'] }] },
      'grid-filter-invalid',
      '「状态」列的筛选条件无效（属于）',
    ],
  ])('%j → %s', async (params, type, title) => {
    const res = await grid(zhang, params);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: problem(type), title });
  });

  test('a view of leads is kept apart from the customers’ views; a customer column in it is refused', async () => {
    const view = {
      object: 'leads',
      name: '待认领',
      columns: ['company', 'status', 'owner', 'cf.意向'],
      sort: '-createdAt',
      filters: [{ column: 'status', op: 'in', value: ['new'] }],
    };
    const created = await zhang.send('POST', '/api/views', view);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await zhang.get('/api/views?object=leads')).body.items).toEqual([created.body]);
    expect((await zhang.get('/api/views?object=customers')).body.items).toEqual([]);
    const wrong = await zhang.send('POST', '/api/views', {
      ...view,
      name: '等级',
      columns: ['company', 'level'],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ type: problem('grid-column-unknown'), title: '没有「level」这一列' });
  });
});
