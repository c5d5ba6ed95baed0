// Bad quotes are refused with a Chinese message naming the line and a stable code, and change
// nothing: a negative or fractional quantity or price, a discount above 100 % or below 0 or with
// more than two decimals, a validity in the past, an unknown or discontinued product, no lines.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { customerOf } from '../approvals/support.js';
import { draftQuote, nextYear, product, quoteCount } from './support.js';

let crm: Crm;
let zhangwei: Session;
beforeAll(async () => {
  crm = await startCrm();
  zhangwei = await crm.as('张伟');
});
afterAll(() => crm?.stop());

test('each bad line or date: 400 with its code and words; no quote, line or audit entry written', async () => {
  const customer = await customerOf(crm, '张伟');
  const shelf = await product(crm, 'YF-SHELF-A');
  const old = await product(crm, 'YF-AGV-200');
  const ok = { productId: shelf.id, quantity: 1 };
  const cases: [Record<string, unknown>, string, string][] = [
    [
      { lines: [ok, { productId: shelf.id, quantity: -2 }] },
      'quote-quantity-invalid',
      '第 2 行的数量必须是正整数',
    ],
    [
      { lines: [{ productId: shelf.id, quantity: 1.5 }] },
      'quote-quantity-invalid',
      '第 1 行的数量必须是正整数',
    ],
    [
      { lines: [{ productId: shelf.id, quantity: 0 }] },
      'quote-quantity-invalid',
      '第 1 行的数量必须是正整数',
    ],
    [
      { lines: [{ ...ok, unitPriceCents: -1 }] },
      'quote-price-invalid',
      '第 1 行的单价必须是不小于 0 的整数（单位：分）',
    ],
    [
      { lines: [{ ...ok, unitPriceCents: 100.5 }] },
      'quote-price-invalid',
      '第 1 行的单价必须是不小于 0 的整数（单位：分）',
    ],
    [
      { lines: [{ ...ok, discountPercent: 100.01 }] },
      'quote-discount-invalid',
      '第 1 行的折扣应在 0% 到 100% 之间',
    ],
    [
      { lines: [{ ...ok, discountPercent: -5 }] },
      'quote-discount-invalid',
      '第 1 行的折扣应在 0% 到 100% 之间',
    ],
    [{ lines: [{ ...ok, discountPercent: 12.345 }] }, 'quote-discount-invalid', '最多两位小数'],
    [{ lines: [ok, { productId: 99_999, quantity: 1 }] }, 'quote-product-unknown', '第 2 行的产品不存在'],
    [
      { lines: [{ productId: old.id, quantity: 1 }] },
      'quote-product-inactive',
      '第 1 行的产品「潜伏式搬运机器人（旧款）」已停用，不能报价',
    ],
    [{ lines: [] }, 'quote-lines-empty', '报价至少需要一个产品'],
    [{ validUntil: '2020-01-01', lines: [ok] }, 'quote-valid-until-past', '有效期不能早于今天'],
  ];
  const before = await quoteCount(crm);
  const lines = Number((await crm.db.query('select count(*) from quote_line')).rows[0].count);
  for (const [body, type, title] of cases) {
    const res = await zhangwei.send('POST', '/api/quotes', {
      customerId: customer,
      title: '坏报价',
      validUntil: nextYear,
      ...body,
    });
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.body.type).toBe(`urn:kelian:problem:${type}`);
    expect(res.body.title).toContain(title);
  }
  expect(await quoteCount(crm)).toBe(before);
  expect(Number((await crm.db.query('select count(*) from quote_line')).rows[0].count)).toBe(lines);
  const audits = await crm.db.query(`select count(*) from audit_log where object_type = 'quote'`);
  expect(Number(audits.rows[0].count)).toBe(0);
});

test('a bad change to a draft is refused and the draft stays as it was', async () => {
  const shelf = await product(crm, 'YF-SHELF-A');
  const quote = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
    { productId: shelf.id, quantity: 3 },
  ]);
  const res = await zhangwei.send('PATCH', `/api/quotes/${quote.id}`, {
    title: '改了名字',
    lines: [{ productId: shelf.id, quantity: 3, discountPercent: 120 }],
  });
  expect(res.status).toBe(400);
  const after = await zhangwei.get(`/api/quotes/${quote.id}`);
  expect(after.body).toMatchObject({ title: '仓储自动化一期', totalCents: 3 * 360_000 });
  expect(after.body.lines).toHaveLength(1);
});

test('a quote on a customer outside the rep’s scope does not exist for him', async () => {
  const shelf = await product(crm, 'YF-SHELF-A');
  const res = await zhangwei.send('POST', '/api/quotes', {
    customerId: await customerOf(crm, '周杰'),
    title: '越权报价',
    validUntil: nextYear,
    lines: [{ productId: shelf.id, quantity: 1 }],
  });
  expect(res.status).toBe(404);
});
