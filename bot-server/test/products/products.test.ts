// The catalogue through the API: everyone reads it (search by name or SKU, keyset pages), whoever
// holds the product edit right (the admins here) writes it; bad prices and a taken SKU are refused
// with a code and change nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allPages, auditRows, type Crm, type Session, startCrm } from '../api/customers-support.js';

let crm: Crm;
let admin: Session;
let zhangwei: Session;
let machao: Session;
beforeAll(async () => {
  crm = await startCrm();
  [admin, zhangwei, machao] = await Promise.all([crm.as('徐明'), crm.as('张伟'), crm.as('马超')]);
});
afterAll(() => crm?.stop());

const productCount = async () => Number((await crm.db.query('select count(*) from product')).rows[0].count);

const newProduct = (sku: string, extra: Record<string, unknown> = {}) => ({
  sku,
  name: '智能分拣线',
  specification: '8 格口',
  unit: '条',
  listPriceCents: 50_000_000,
  floorPriceCents: 42_000_000,
  category: '仓储设备',
  ...extra,
});

describe('writing the catalogue', () => {
  test('an admin creates, edits and deactivates a product, each audited', async () => {
    expect((await admin.get('/api/products?limit=1')).body.editable).toBe(true);
    const created = await admin.send('POST', '/api/products', newProduct('T-SORT-8'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ sku: 'T-SORT-8', listPriceCents: 50_000_000, active: true });
    const id = created.body.id as number;

    const edited = await admin.send('PATCH', `/api/products/${id}`, { floorPriceCents: 45_000_000 });
    expect(edited.status).toBe(200);
    expect(edited.body.floorPriceCents).toBe(45_000_000);

    const off = await admin.send('POST', `/api/products/${id}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const changes = (await auditRows(crm.db, 'product', id)).map((r) => r.changes);
    expect(changes).toHaveLength(3);
    expect(changes[1]).toMatchObject({ floorPriceCents: { before: 42_000_000, after: 45_000_000 } });
    expect(changes[2]).toMatchObject({ active: { before: true, after: false } });
  });

  test('a sales rep and procurement read the catalogue but may not change it', async () => {
    const before = await productCount();
    for (const session of [zhangwei, machao]) {
      const res = await session.send('POST', '/api/products', newProduct('T-FORBIDDEN'));
      expect(res.status).toBe(403);
      expect(res.body.title).toContain('不能');
      const list = await session.get('/api/products?q=YF-AGV');
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      // The pages offer 新建 and 编辑 from this: not to them.
      expect(list.body.editable).toBe(false);
    }
    const { rows } = await crm.db.query(`select id from product where sku = 'YF-PDA-01'`);
    const patch = await zhangwei.send('PATCH', `/api/products/${rows[0].id}`, { listPriceCents: 1 });
    expect(patch.status).toBe(403);
    expect(await productCount()).toBe(before);
    const again = await zhangwei.get(`/api/products/${rows[0].id}`);
    expect(again.body.listPriceCents).toBe(298_000);
  });

  test('a floor above the list price, a negative or fractional price, a taken SKU: refused, nothing written', async () => {
    const before = await productCount();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [
        newProduct('T-BAD-1', { floorPriceCents: 60_000_000 }),
        400,
        'product-floor-above-list',
        '底价不能高于标准价',
      ],
      [
        newProduct('T-BAD-2', { listPriceCents: -100 }),
        400,
        'product-price-invalid',
        '价格必须是不小于 0 的整数',
      ],
      [
        newProduct('T-BAD-3', { floorPriceCents: 10.5 }),
        400,
        'product-price-invalid',
        '价格必须是不小于 0 的整数',
      ],
      [newProduct('YF-AGV-300'), 409, 'product-sku-taken', 'SKU「YF-AGV-300」已被其他产品使用'],
    ];
    for (const [body, status, type, title] of cases) {
      const res = await admin.send('POST', '/api/products', body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.type).toBe(`urn:kelian:problem:${type}`);
      expect(res.body.title).toContain(title);
    }
    const { rows } = await crm.db.query(`select id from product where sku = 'YF-SHELF-A'`);
    const patch = await admin.send('PATCH', `/api/products/${rows[0].id}`, { floorPriceCents: 999_999 });
    expect(patch.body.type).toBe('urn:kelian:problem:product-floor-above-list');
    expect((await admin.get(`/api/products/${rows[0].id}`)).body.floorPriceCents).toBe(300_000);
    expect(await productCount()).toBe(before);
  });
});

describe('reading the catalogue', () => {
  test('search by a piece of the name or of the SKU; active filter; every product once over the pages', async () => {
    const byName = await zhangwei.get(`/api/products?q=${encodeURIComponent('搬运机器人')}`);
    expect(byName.body.items.map((p: { sku: string }) => p.sku).sort()).toEqual(
      ['YF-AGV-1000', 'YF-AGV-200', 'YF-AGV-300'].sort(),
    );
    const bySku = await zhangwei.get('/api/products?q=pda');
    expect(bySku.body.items.map((p: { sku: string }) => p.sku)).toEqual(['YF-PDA-01']);
    const wildcard = await zhangwei.get(`/api/products?q=${encodeURIComponent('%')}`);
    expect(wildcard.body.items).toEqual([]);
    const active = await zhangwei.get(`/api/products?q=${encodeURIComponent('搬运机器人')}&active=true`);
    expect(active.body.items.map((p: { sku: string }) => p.sku).sort()).toEqual([
      'YF-AGV-1000',
      'YF-AGV-300',
    ]);

    const everything = await allPages(zhangwei, '/api/products', 3);
    const ids = everything.map((p) => p.id as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await productCount());
  });
});
