// An approved quote becomes a contract in one action: a draft with the quote's lines, prices and
// total, pointing back at the quote (whose approval run stays visible on it); it happens once, and
// the contract then goes through its own flow by amount.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expireQuotesJob } from '../../src/bot/quotes/jobs.js';
import { type Crm, type Session, startCrm } from '../api/customers-support.js';
import { contractStatus, customerOf, submit } from '../approvals/support.js';
import { runJob } from '../support/jobs.js';
import { draftQuote, product, submitQuote } from './support.js';

let crm: Crm;
let zhangwei: Session;
let lina: Session;
beforeAll(async () => {
  crm = await startCrm();
  [zhangwei, lina] = await Promise.all([crm.as('张伟'), crm.as('李娜')]);
});
afterAll(() => crm?.stop());

const terms = (number: string) => ({ number, startDate: '2027-01-01', endDate: '2027-12-31' });

test('a below-floor quote approved by 李娜 becomes a contract with its lines; the contract is then approved by amount', async () => {
  const robot = await product(crm, 'YF-AGV-300');
  const svc = await product(crm, 'YF-SVC-Y1');
  const quote = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
    { productId: robot.id, quantity: 3, discountPercent: 15 },
    { productId: svc.id, quantity: 1 },
  ]);
  const { approvalId } = await submitQuote(zhangwei, quote.id);
  expect((await lina.send('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);

  const res = await zhangwei.send('POST', `/api/quotes/${quote.id}/contract`, terms('HT-FROM-QUOTE-1'));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ status: 'draft', amountCents: quote.totalCents, name: '仓储自动化一期' });
  const contractId = res.body.id as number;
  const { rows: lines } = await crm.db.query(
    `select product_id, quantity, unit_price_cents::int as price, discount_bp, amount_cents::int as amount
       from contract_line where contract_id = $1 order by position`,
    [contractId],
  );
  expect(lines).toEqual([
    { product_id: robot.id, quantity: 3, price: 12_800_000, discount_bp: 1500, amount: 32_640_000 },
    { product_id: svc.id, quantity: 1, price: 3_600_000, discount_bp: 0, amount: 3_600_000 },
  ]);
  const { rows } = await crm.db.query('select quote_id from contract where id = $1', [contractId]);
  expect(rows[0].quote_id).toBe(quote.id);
  const after = (await zhangwei.get(`/api/quotes/${quote.id}`)).body;
  expect(after).toMatchObject({ status: 'converted', statusLabel: '已转合同', contractId });
  expect(after.approvals).toEqual([expect.objectContaining({ id: approvalId, status: 'approved' })]);

  // Once only.
  const twice = await zhangwei.send('POST', `/api/quotes/${quote.id}/contract`, terms('HT-FROM-QUOTE-2'));
  expect(twice.status).toBe(409);
  expect(twice.body).toMatchObject({
    type: 'urn:kelian:problem:quote-not-approved',
    title: '只有已批准的报价可以转合同（这份报价已转合同）',
  });
  // ¥362,400 ≤ ¥500,000: the contract flow asks 李娜 alone.
  const run = await submit(zhangwei, contractId);
  expect((await lina.send('POST', `/api/approvals/${run}/approve`, {})).status).toBe(200);
  expect(await contractStatus(crm, contractId)).toBe('active');
  // A contract line is the customer's latest price for that product now.
  const last = await zhangwei.get(
    `/api/quotes/last-prices?customerId=${await customerOf(crm, '张伟')}&productIds=${robot.id}`,
  );
  expect(last.body.items[0].prices[0]).toMatchObject({
    source: 'contract',
    documentId: contractId,
    netUnitPriceCents: 10_880_000,
  });
});

test('a draft or pending quote does not become a contract; nothing is written', async () => {
  const robot = await product(crm, 'YF-AGV-300');
  const draft = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
    { productId: robot.id, quantity: 1 },
  ]);
  const before = Number((await crm.db.query('select count(*) from contract')).rows[0].count);
  const res = await zhangwei.send('POST', `/api/quotes/${draft.id}/contract`, terms('HT-FROM-DRAFT'));
  expect(res.status).toBe(409);
  expect(res.body.title).toBe('只有已批准的报价可以转合同（这份报价还是草稿）');
  expect(Number((await crm.db.query('select count(*) from contract')).rows[0].count)).toBe(before);
  expect((await zhangwei.get(`/api/quotes/${draft.id}`)).body.status).toBe('draft');
});

test('an approved quote past its validity cannot be converted, and the hourly job makes it 已过期', async () => {
  const robot = await product(crm, 'YF-AGV-300');
  const quote = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
    { productId: robot.id, quantity: 1 },
  ]);
  await submitQuote(zhangwei, quote.id);
  // Its last valid day passes (a validity in the past cannot be written through the API).
  await crm.db.query(`update quote set valid_until = '2020-01-01' where id = $1`, [quote.id]);
  const res = await zhangwei.send('POST', `/api/quotes/${quote.id}/contract`, terms('HT-EXPIRED'));
  expect(res.status).toBe(409);
  expect(res.body).toMatchObject({
    type: 'urn:kelian:problem:quote-expired',
    title: '报价已过有效期（2020-01-01），不能转合同',
  });

  const fresh = await draftQuote(zhangwei, await customerOf(crm, '张伟'), [
    { productId: robot.id, quantity: 1 },
  ]);
  await runJob(crm.server, crm.db, expireQuotesJob, { at: '2020-01-02T01:00:00Z' });
  expect((await zhangwei.get(`/api/quotes/${quote.id}`)).body).toMatchObject({
    status: 'expired',
    statusLabel: '已过期',
  });
  expect((await zhangwei.get(`/api/quotes/${fresh.id}`)).body.status).toBe('draft');
});
