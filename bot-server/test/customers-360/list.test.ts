// GET /api/customers: the stage filter (customers with an open deal in that stage) and custom
// field filters spelt cf.<key>=value as CONTRACTS.md writes them, both inside the user's scope.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allPages, type Crm, customersOwnedBy, type Session, startCrm } from '../api/customers-support.js';
import { addDeal } from './support.js';

let crm: Crm;
let zhangWei: Session;
let mine: number[];
let colleagues: number[];

beforeAll(async () => {
  crm = await startCrm();
  zhangWei = await crm.as('张伟');
  const zw = await crm.userId('张伟');
  const ly = await crm.userId('刘洋');
  mine = await customersOwnedBy(crm.db, zw);
  colleagues = await customersOwnedBy(crm.db, ly);
  // Deals already in the demo data would blur what the filter finds.
  await crm.db.query('delete from opportunity');
  await addDeal(crm.db, { customerId: mine[0]!, ownerId: zw, name: '报价中', stage: '方案报价' });
  await addDeal(crm.db, {
    customerId: mine[1]!,
    ownerId: zw,
    name: '已赢',
    stage: '方案报价',
    status: 'won',
  });
  await addDeal(crm.db, { customerId: mine[2]!, ownerId: zw, name: '接洽中', stage: '初步接洽' });
  await addDeal(crm.db, { customerId: colleagues[0]!, ownerId: ly, name: '同事的', stage: '方案报价' });
  const deleted = await addDeal(crm.db, {
    customerId: mine[3]!,
    ownerId: zw,
    name: '已删',
    stage: '方案报价',
  });
  await crm.db.query('update opportunity set deleted_at = now() where id = $1', [deleted]);
});
afterAll(() => crm.stop());

const stage = async (name: string) =>
  (await crm.db.query<{ id: number }>('select id from pipeline_stage where name = $1', [name])).rows[0]!.id;

describe('the customer list', () => {
  test('stage=<id> lists the customers with an open, live deal in that stage, inside the scope', async () => {
    const quoting = await allPages(zhangWei, `/api/customers?stage=${await stage('方案报价')}`, 1);
    expect(quoting.map((c) => c.id)).toEqual([mine[0]]);
    const first = await zhangWei.get(`/api/customers?stage=${await stage('初步接洽')}`);
    expect(first.body.items.map((c: { id: number }) => c.id)).toEqual([mine[2]]);
    const manager = await crm.as('李娜');
    const team = await allPages(manager, `/api/customers?stage=${await stage('方案报价')}`);
    expect(team.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      [mine[0], colleagues[0]].sort((a, b) => a! - b!),
    );
  });

  test('a stage that is not a number is a 400 naming the field', async () => {
    const res = await zhangWei.get('/api/customers?stage=abc');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'stage', message: 'stage 应为商机阶段编号' }]);
  });

  test('cf.<key>=value filters like the cf JSON object, and both spellings combine', async () => {
    await crm.db.query(`update customer set custom_fields = '{"预算":"100万","渠道":"展会"}' where id = $1`, [
      mine[0],
    ]);
    await crm.db.query(`update customer set custom_fields = '{"预算":"100万"}' where id = $1`, [mine[1]]);
    const budget = await allPages(zhangWei, `/api/customers?${encodeURI('cf.预算=100万')}`);
    expect(budget.map((c) => c.id).sort((a, b) => a - b)).toEqual([mine[0], mine[1]]);
    const both = await zhangWei.get(
      `/api/customers?${encodeURI('cf.渠道=展会')}&cf=${encodeURIComponent(JSON.stringify({ 预算: '100万' }))}`,
    );
    expect(both.body.items.map((c: { id: number }) => c.id)).toEqual([mine[0]]);
    const bad = await zhangWei.get(`/api/customers?${encodeURI('cf.预 算=1')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^cf/);
  });
});
