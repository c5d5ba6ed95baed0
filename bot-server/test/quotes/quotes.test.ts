// Quotes through the API: exact totals (each line rounded half up to the cent, the total the sum of
// the lines), the customer's last three prices for a product, a quote at or above the floor
// approved at once, one below it approved by the sales manager through the quote flow.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf } from '../approvals/support.js';
import { draftQuote, product, submitQuote } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
let wangjianguo: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina, wangjianguo] = await Promise.all([crm.as('张伟'), crm.as('李娜'), crm.as('王建国')]);
});
afterAll(() => crm?.stop());

test('totals: each line quantity × price × (1 − discount) rounded half up, the total their sum', async () => {
  const customer = await customerOf(crm, '张伟');
  const shelf = await product(crm, 'YF-SHELF-A');
  const pda = await product(crm, 'YF-PDA-01');
  const quote = await draftQuote(zhangwei, customer, [
    // 40 × ¥3,600.00 × 0.875 = ¥126,000.00
    { productId: shelf.id, quantity: 40, discountPercent: 12.5 },
    // 7 × ¥2,612.35 × 0.95 = ¥17,372.1275 → ¥17,372.13
    { productId: pda.id, quantity: 7, unitPriceCents: 261_235, discountPercent: 5 },
    // 1 × ¥2,980.00 × 0.6667 = ¥1,986.766 → ¥1,986.77
    { productId: pda.id, quantity: 1, discountPercent: 33.33 },
  ]);
  expect(quote.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual([
    12_600_000, 1_737_213, 198_677,
  ]);
  expect(quote.totalCents).toBe(12_600_000 + 1_737_213 + 198_677);
  expect(quote.listTotalCents).toBe(40 * 360_000 + 8 * 298_000);
  expect(quote.status).toBe('draft');
  expect(quote.number).toMatch(/^BJ\d{6}$/);
  // The unit price defaults to the list price; the list and floor are copied onto the line.
  expect(quote.lines[0]).toMatchObject({
    unitPriceCents: 360_000,
    listPriceCents: 360_000,
    floorPriceCents: 300_000,
  });
  expect(quote.lines[0].belowFloor).toBe(false);
  // ¥145,358.90
  expect(quote.totalInWords).toBe('人民币壹拾肆万伍仟叁佰伍拾捌元玖角整');
});

describe('submitting', () => {
  test('a quote at or above every floor is approved at once, with no approval run', async () => {
    const robot = await product(crm, 'YF-AGV-300');
    // ¥128,000 × (1 − 12.5 %) = ¥112,000: exactly the floor, not below it.
    const quote = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
      { productId: robot.id, quantity: 2, discountPercent: 12.5 },
    ]);
    const { approvalId, quote: after } = await submitQuote(zhangwei, quote.id);
    expect(approvalId).toBeNull();
    expect(after.status).toBe('approved');
    const runs = await crm.db.query(
      `select id from approval_instance where doc_type = 'quote' and doc_id = $1`,
      [quote.id],
    );
    expect(runs.rows).toHaveLength(0);
  });

  test('a line below its floor goes to the sales manager, with the figures inline; 李娜 approves it', async () => {
    const robot = await product(crm, 'YF-AGV-300');
    const customer = await customerOf(crm, '张伟');
    // ¥128,000 × (1 − 12.51 %) = ¥111,987.20: ¥12.80 below the floor.
    const quote = await draftQuote(zhangwei, customer, [
      { productId: robot.id, quantity: 1, discountPercent: 12.51 },
    ]);
    expect(quote.lines[0].belowFloor).toBe(true);
    const { approvalId, quote: pending } = await submitQuote(zhangwei, quote.id);
    expect(approvalId).toEqual(expect.any(Number));
    expect(pending.status).toBe('pending');

    // Nobody but the step's approver decides: 王建国 is an admin, not on the step.
    const outsider = await wangjianguo.send('POST', `/api/approvals/${approvalId}/approve`, {});
    expect(outsider.status).toBe(403);
    const { rows } = await crm.db.query<{ snapshot: { keyFigures: { label: string; value: string }[] } }>(
      'select snapshot from approval_instance where id = $1',
      [approvalId],
    );
    expect(rows[0]!.snapshot.keyFigures).toEqual([
      { label: '报价总额', value: '¥111,987.20' },
      { label: '潜伏式搬运机器人 折后单价', value: '¥111,987.20，底价 ¥112,000.00（低 0.01%）' },
      { label: '潜伏式搬运机器人 客户近三次价格', value: expect.any(String) },
    ]);

    const approved = await lina.send('POST', `/api/approvals/${approvalId}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = await zhangwei.get(`/api/quotes/${quote.id}`);
    expect(after.body).toMatchObject({ status: 'approved', statusLabel: '已批准' });
    expect(after.body.approvals).toEqual([expect.objectContaining({ id: approvalId, status: 'approved' })]);
  });

  test('a rejected quote is changed and resubmitted; an approved one cannot be changed', async () => {
    const robot = await product(crm, 'YF-AGV-1000');
    const quote = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
      { productId: robot.id, quantity: 1, unitPriceCents: 20_000_000 },
    ]);
    const { approvalId } = await submitQuote(zhangwei, quote.id);
    const rejected = await lina.send('POST', `/api/approvals/${approvalId}/reject`, {
      reason: '低于底价太多',
    });
    expect(rejected.status).toBe(200);
    expect((await zhangwei.get(`/api/quotes/${quote.id}`)).body.status).toBe('rejected');
    const changed = await zhangwei.send('PATCH', `/api/quotes/${quote.id}`, {
      lines: [{ productId: robot.id, quantity: 1, unitPriceCents: 24_000_000 }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'draft', totalCents: 24_000_000 });
    const again = await submitQuote(zhangwei, quote.id);
    expect(again).toMatchObject({ approvalId: null, quote: { status: 'approved' } });
    const locked = await zhangwei.send('PATCH', `/api/quotes/${quote.id}`, { title: '改名' });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({
      type: 'urn:kelian:problem:quote-not-editable',
      title: '报价已批准，不能修改',
    });
  });
});

test('the customer’s last three prices for a product: newest first, from approved quotes only, this customer only', async () => {
  const wms = await product(crm, 'YF-WMS-STD');
  const [customer] = (
    await crm.db.query<{ id: number }>(
      `select id from customer where owner_id = $1 and deleted_at is null order by id desc limit 1`,
      [await crm.userId('张伟')],
    )
  ).rows;
  const other = await customerOf(crm, '张伟');
  expect(customer!.id).not.toBe(other);
  for (const price of [9_800_000, 9_500_000, 9_200_000, 9_000_000]) {
    const q = await draftQuote(zhangwei, customer!.id, [
      { productId: wms.id, quantity: 1, unitPriceCents: price },
    ]);
    await submitQuote(zhangwei, q.id);
  }
  // A draft (never offered) and another customer's quote do not count.
  await draftQuote(zhangwei, customer!.id, [{ productId: wms.id, quantity: 1, unitPriceCents: 8_900_000 }]);
  const elsewhere = await draftQuote(zhangwei, other, [
    { productId: wms.id, quantity: 1, unitPriceCents: 8_800_000 },
  ]);
  await submitQuote(zhangwei, elsewhere.id);

  const res = await zhangwei.get(`/api/quotes/last-prices?customerId=${customer!.id}&productIds=${wms.id}`);
  expect(res.status).toBe(200);
  expect(res.body.items[0].prices.map((p: { netUnitPriceCents: number }) => p.netUnitPriceCents)).toEqual([
    9_000_000, 9_200_000, 9_500_000,
  ]);
  // Shown under the line while quoting (the quote's own price is never among them).
  const fifth = await draftQuote(zhangwei, customer!.id, [
    { productId: wms.id, quantity: 2, discountPercent: 10 },
  ]);
  expect(fifth.lines[0].lastPrices.map((p: { netUnitPriceCents: number }) => p.netUnitPriceCents)).toEqual([
    9_000_000, 9_200_000, 9_500_000,
  ]);
  // Someone who cannot see the customer learns nothing.
  const outsider = await crm.as('周杰');
  const hidden = await outsider.get(
    `/api/quotes/last-prices?customerId=${customer!.id}&productIds=${wms.id}`,
  );
  expect(hidden.status).toBe(404);
});
