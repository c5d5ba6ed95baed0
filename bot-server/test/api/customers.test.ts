// Customers through the REST API of the real server: creating with contacts, validation that
// changes nothing, duplicate detection, editing with an audit trail, the recycle bin, follow-ups on
// the timeline, list filters and keyset pagination.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  allPages,
  auditRows,
  type Crm,
  customerRow,
  customersOwnedBy,
  type Session,
  startCrm,
} from './customers-support.js';

let crm: Crm;
let zhangWei: Session;
let zhangWeiId: number;

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  zhangWeiId = await crm.userId('张伟');
});
afterAll(() => crm.stop());

const count = async (table: string) =>
  (await crm.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

const tagId = async (name: string) =>
  (await crm.db.query<{ id: number }>('select id from tag where name = $1', [name])).rows[0]!.id;

// Valid 统一社会信用代码 (their check characters are right).
const creditCodes = ['91350100M000100Y43', '91110000802100433B'];

const newCompany = {
  kind: 'company',
  name: '北京测试云计算有限公司',
  creditCode: creditCodes[0],
  region: '北京',
  city: '北京',
  phone: '010-62345678',
  contacts: [
    { name: '周八', mobile: '13912345678', title: '采购经理', email: 'zhouba@example.com' },
    { name: '吴九', mobile: '13887654321', primary: true },
  ],
};

describe('creating', () => {
  test('a company with contacts: 201, the 360° view, owned by the creator, audited', async () => {
    const res = await zhangWei.send('POST', '/api/customers', {
      ...newCompany,
      tagIds: [await tagId('互联网')],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/customers/${res.body.id}`);
    expect(res.body).toMatchObject({
      kind: 'company',
      name: '北京测试云计算有限公司',
      creditCode: '91350100M000100Y43',
      owner: { id: zhangWeiId, name: '张伟' },
      tags: [{ name: '互联网', group: { name: '行业' } }],
      timeline: [],
      fieldAccess: { revealable: [] },
    });
    // The one marked primary leads; the others follow in the order given.
    expect(res.body.contacts.map((c: { name: string; primary: boolean }) => [c.name, c.primary])).toEqual([
      ['吴九', true],
      ['周八', false],
    ]);
    const audit = await auditRows(crm.db, 'customer', res.body.id);
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: zhangWeiId,
        action: 'create',
        via: 'api',
        changes: expect.objectContaining({
          name: { before: null, after: '北京测试云计算有限公司' },
          owner: { before: null, after: zhangWeiId },
        }),
      }),
    ]);
    const contactAudit = await auditRows(crm.db, 'contact', res.body.contacts[1].id);
    expect(contactAudit[0]!.changes).toMatchObject({ mobile: { before: null, after: '13912345678' } });
  });

  test.each([
    [{ kind: 'company' }, 'name'],
    [{ kind: 'company', name: '   ' }, 'name'],
    [{ kind: 'shop', name: '某店' }, 'kind'],
    [{ kind: 'company', name: '某公司', creditCode: '91350100M000100Y44' }, 'creditCode'],
    [{ kind: 'company', name: '某公司', creditCode: '1234' }, 'creditCode'],
    [{ kind: 'person', name: '张三', creditCode: creditCodes[1] }, 'creditCode'],
    [
      { kind: 'company', name: '某公司', contacts: [{ name: '李四', mobile: '12345678901' }] },
      'contacts.0.mobile',
    ],
    [
      { kind: 'company', name: '某公司', contacts: [{ name: '李四', email: 'not-an-email' }] },
      'contacts.0.email',
    ],
    [{ kind: 'company', name: '某公司', tagIds: [99999] }, 'tagIds'],
    [{ kind: 'company', name: '某公司', owner: 3 }, ''],
  ])('%j → 400 naming %s, and nothing is created', async (body, field) => {
    const before = [await count('customer'), await count('contact'), await count('audit_log')];
    const res = await zhangWei.send('POST', '/api/customers', body);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('urn:kelian:problem:invalid-request');
    expect(res.body.errors).toContainEqual({ field, message: expect.stringMatching(/\p{Script=Han}/u) });
    expect([await count('customer'), await count('contact'), await count('audit_log')]).toEqual(before);
  });

  test('two tags of an exclusive group are refused', async () => {
    const res = await zhangWei.send('POST', '/api/customers', {
      kind: 'company',
      name: '双等级公司',
      tagIds: [await tagId('A类重点'), await tagId('B类普通')],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toContain('「等级」组的标签只能选一个');
  });
});

describe('duplicates', () => {
  test('the same company name → 409 listing the duplicate; force creates it anyway', async () => {
    const before = await count('customer');
    const dup = await zhangWei.send('POST', '/api/customers', { kind: 'company', name: newCompany.name });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      type: 'urn:kelian:problem:duplicate-customer',
      duplicates: [{ name: newCompany.name, owner: { name: '张伟' }, matchedOn: ['name'] }],
      hiddenCount: 0,
    });
    expect(await count('customer')).toBe(before);

    const forced = await zhangWei.send('POST', '/api/customers', {
      kind: 'company',
      name: newCompany.name,
      force: true,
    });
    expect(forced.status).toBe(201);
    expect(await count('customer')).toBe(before + 1);
  });

  test('the same credit code or mobile of a colleague’s customer is counted but not described', async () => {
    const liuYang = await crm.as('刘洋');
    const byCode = await liuYang.send('POST', '/api/customers', {
      kind: 'company',
      name: '另一个名字有限公司',
      creditCode: creditCodes[0],
    });
    expect(byCode.status).toBe(409);
    expect(byCode.body.duplicates).toEqual([]);
    expect(byCode.body.hiddenCount).toBe(1);
    expect(JSON.stringify(byCode.body)).not.toContain(newCompany.name);

    const byMobile = await liuYang.send('POST', '/api/customers', {
      kind: 'person',
      name: '周八',
      contacts: [{ name: '周八', mobile: '13912345678' }],
    });
    expect(byMobile.status).toBe(409);
    expect(byMobile.body.hiddenCount).toBe(1);

    // The manager sees whose it is.
    const liNa = await crm.as('李娜');
    const seen = await liNa.send('POST', '/api/customers', {
      kind: 'person',
      name: '某人',
      phone: '13887654321',
    });
    expect(seen.status).toBe(409);
    expect(seen.body.duplicates).toEqual([
      expect.objectContaining({
        name: newCompany.name,
        owner: { id: zhangWeiId, name: '张伟' },
        matchedOn: ['mobile'],
      }),
    ]);
  });
});

describe('editing', () => {
  test('PATCH changes the fields given, tags and custom fields; the audit keeps before and after', async () => {
    const [id] = await customersOwnedBy(crm.db, zhangWeiId);
    const before = await customerRow(crm.db, id!);
    const res = await zhangWei.send('PATCH', `/api/customers/${id}`, {
      address: '北京市海淀区中关村大街 1 号',
      tagIds: [await tagId('制造业'), await tagId('决策快')],
      customFields: { 预算: '100万', 员工数: 300 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      address: '北京市海淀区中关村大街 1 号',
      customFields: { 预算: '100万', 员工数: 300 },
    });
    expect(res.body.tags.map((t: { name: string }) => t.name).sort()).toEqual(['决策快', '制造业'].sort());
    const [entry] = (await auditRows(crm.db, 'customer', id!)).filter((r) => r.action === 'update');
    expect(entry!.changes).toMatchObject({
      address: { before: before!.address, after: '北京市海淀区中关村大街 1 号' },
      customFields: { before: {}, after: { 预算: '100万', 员工数: 300 } },
    });
    expect(Object.keys(entry!.changes).sort()).toEqual(['address', 'customFields', 'tags']);

    // null removes one custom field; the list filters by another.
    await zhangWei.send('PATCH', `/api/customers/${id}`, { customFields: { 员工数: null } });
    const filtered = await zhangWei.get(
      `/api/customers?cf=${encodeURIComponent(JSON.stringify({ 预算: '100万' }))}`,
    );
    expect(filtered.body.items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(filtered.body.items[0].customFields).toEqual({ 预算: '100万' });
  });

  test('bad input → 400 and nothing changes', async () => {
    const [id] = await customersOwnedBy(crm.db, zhangWeiId);
    const before = await customerRow(crm.db, id!);
    for (const body of [
      {},
      { name: '' },
      { phone: 'abc' },
      { tagIds: [99999] },
      { createdAt: '2020-01-01' },
    ]) {
      const res = await zhangWei.send('PATCH', `/api/customers/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await customerRow(crm.db, id!)).toEqual(before);
  });
});

describe('the recycle bin', () => {
  test('delete → gone from lists and views, in the bin; restore → back; both audited', async () => {
    const [id] = await customersOwnedBy(crm.db, zhangWeiId);
    expect((await zhangWei.send('DELETE', `/api/customers/${id}`)).status).toBe(204);
    expect((await customerRow(crm.db, id!))!.deleted_at).toBeInstanceOf(Date);
    expect((await allPages(zhangWei, '/api/customers')).map((c) => c.id)).not.toContain(id);
    expect((await zhangWei.get(`/api/customers/${id}`)).status).toBe(404);
    expect((await zhangWei.send('DELETE', `/api/customers/${id}`)).status).toBe(404);

    const bin = await zhangWei.get('/api/customers?deleted=true');
    expect(bin.body.items.map((c: { id: number }) => c.id)).toEqual([id]);
    // Not in a colleague's bin.
    expect((await (await crm.as('刘洋')).get('/api/customers?deleted=true')).body.items).toEqual([]);

    const restored = await zhangWei.send('POST', `/api/customers/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deletedAt).toBeNull();
    expect((await zhangWei.get('/api/customers?deleted=true')).body.items).toEqual([]);
    expect((await zhangWei.get(`/api/customers/${id}`)).status).toBe(200);
    expect((await auditRows(crm.db, 'customer', id!)).map((r) => r.action).slice(-2)).toEqual([
      'delete',
      'restore',
    ]);
  });
});

describe('follow-ups', () => {
  test('a new follow-up heads the timeline and moves lastFollowUpAt', async () => {
    const [id] = await customersOwnedBy(crm.db, zhangWeiId);
    const contact = (await zhangWei.get(`/api/customers/${id}`)).body.contacts[0];
    const res = await zhangWei.send('POST', `/api/customers/${id}/follow-ups`, {
      kind: 'visit',
      content: '上门拜访，确认了二期需求',
      nextStep: '发送报价',
      nextAt: '2030-01-05T10:00:00+08:00',
      contactId: contact.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      type: 'followUp',
      kind: 'visit',
      author: { id: zhangWeiId, name: '张伟' },
      contact: { id: contact.id },
      nextAt: '2030-01-05T02:00:00.000Z',
    });
    const view = await zhangWei.get(`/api/customers/${id}`);
    expect(view.body.timeline[0]).toMatchObject({ id: res.body.id, content: '上门拜访，确认了二期需求' });
    expect(view.body.lastFollowUpAt).toBe(res.body.occurredAt);
    const times = view.body.timeline.map((f: { occurredAt: string }) => f.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(await auditRows(crm.db, 'followUp', res.body.id)).toHaveLength(1);
  });

  test('an unknown kind, an empty content or another customer’s contact → 400, nothing logged', async () => {
    const [id, other] = await customersOwnedBy(crm.db, zhangWeiId);
    const otherContact = (await zhangWei.get(`/api/customers/${other}`)).body.contacts[0];
    const before = await count('follow_up');
    for (const body of [
      { kind: 'fax', content: '传真' },
      { kind: 'call', content: '' },
      { kind: 'call', content: '电话', contactId: otherContact.id },
      { kind: 'call', content: '电话', occurredAt: '2099-01-01T00:00:00Z' },
    ]) {
      expect(
        (await zhangWei.send('POST', `/api/customers/${id}/follow-ups`, body)).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect(await count('follow_up')).toBe(before);
  });
});

describe('listing', () => {
  test('cursor pagination visits every visible customer exactly once, also while customers are added', async () => {
    const admin = await crm.as('徐明');
    const live = (
      await crm.db.query<{ id: number }>('select id from customer where deleted_at is null')
    ).rows.map((r) => r.id);
    for (const sort of ['-updatedAt', 'name', '-createdAt']) {
      const seen = await allPages(admin, `/api/customers?sort=${sort}`, 13);
      expect(
        seen.map((c) => c.id).sort((a, b) => a - b),
        sort,
      ).toEqual([...live].sort((a, b) => a - b));
    }

    // Stable under inserts: a customer created between two pages does not shift the pages.
    const first = await admin.get('/api/customers?sort=createdAt&limit=20');
    await zhangWei.send('POST', '/api/customers', { kind: 'company', name: '翻页期间新建的公司' });
    const rest = await allPages(admin, '/api/customers?sort=createdAt', 20, first.body.nextCursor);
    const ids = [...first.body.items, ...rest].map((c: { id: number }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(live.length + 1);
  });

  test('filters: owner, pool, tags, level, region, name; and sorting by name', async () => {
    const admin = await crm.as('徐明');
    const pool = await admin.get('/api/customers?owner=pool&limit=100');
    expect(pool.body.items.length).toBeGreaterThan(0);
    expect(pool.body.items.every((c: { owner: unknown }) => c.owner === null)).toBe(true);

    const tags = [await tagId('医疗'), await tagId('B类普通')];
    const tagged = await allPages(admin, `/api/customers?tags=${tags.join(',')}`);
    const expected = (
      await crm.db.query<{ id: number }>(
        `select customer_id as id from customer_tag where tag_id = any($1) group by customer_id having count(*) = 2`,
        [tags],
      )
    ).rows.map((r) => r.id);
    expect(tagged.map((c) => c.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));

    const north = await admin.get('/api/customers?region=北京&level=A&limit=100');
    expect(
      north.body.items.every(
        (c: { region: string; level: string }) => c.region === '北京' && c.level === 'A',
      ),
    ).toBe(true);

    const named = await admin.get(`/api/customers?q=${encodeURIComponent('科技')}&sort=name&limit=100`);
    const names = named.body.items.map((c: { name: string }) => c.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n: string) => n.includes('科技'))).toBe(true);
    // A LIKE wildcard in the search text is a plain character.
    expect((await admin.get(`/api/customers?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
  });

  test('a cursor that is not ours, or for another sort, is a 400 on `cursor`', async () => {
    const first = await zhangWei.get('/api/customers?limit=2');
    for (const path of [
      '/api/customers?cursor=garbage',
      `/api/customers?cursor=${Buffer.from('{"sort":"name","value":1}').toString('base64url')}`,
      `/api/customers?sort=name&cursor=${first.body.nextCursor}`,
    ]) {
      const res = await zhangWei.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.errors[0].field).toBe('cursor');
    }
    expect((await zhangWei.get('/api/customers?limit=0')).status).toBe(400);
    expect((await zhangWei.get('/api/customers?sort=phone')).status).toBe(400);
  });
});

describe('searching the list', () => {
  test('q finds by pinyin initials, full pinyin, a contact name and a mobile tail, after create and rename', async () => {
    const created = await zhangWei.send('POST', '/api/customers', {
      kind: 'company',
      name: '杭州清风茶叶有限公司',
      region: '浙江',
      contacts: [{ name: '单田芳', mobile: '13955558888' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const found = async (q: string) =>
      (await zhangWei.get(`/api/customers?q=${encodeURIComponent(q)}`)).body.items.map(
        (c: { id: number }) => c.id,
      );
    for (const q of ['hzqf', 'hangzhou', '清风茶叶', '单田芳', 'stf', 'dantianfang', '8888'])
      expect(await found(q), q).toContain(id);
    expect(await found('hzqfx')).not.toContain(id);

    expect(
      (await zhangWei.send('PATCH', `/api/customers/${id}`, { name: '杭州龙井茶业有限公司' })).status,
    ).toBe(200);
    expect(await found('ljcy')).toContain(id);
    expect(await found('hzqf')).not.toContain(id);
  });
});
