// 回款 in the mini-app's h5 build against the real server: 罗娟 (finance) opens 我的 → 回款, sees
// what is overdue with the per-customer sums, records a partial receipt in the sheet and finds it
// on the contract's plan; 张伟 sees the 回款 block under his customer's 单据, and from the contract
// asks for a refund: what came in and what can go back, a refund above it refused on the page, one
// within it sent into its flow (审批中) and listed. Phone-size screenshots of each page land in
// test-results/screenshots.
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
let contractId: number;
let customerId: number;
const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
afterAll(() => db.end());

/** The API as a demo user, signed in through the sandbox's picker endpoint. */
async function as(name: string) {
  const { rows } = await db.query<{ id: number }>('select id from app_user where name = $1', [name]);
  const signed = await fetch(`${world.server.url}/api/auth/sandbox`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: rows[0]!.id }),
  });
  const { token } = (await signed.json()) as { token: string };
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${world.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: the answers are checked by the API's own tests.
    return { status: res.status, body: (await res.json()) as any };
  };
}

describe.skipIf(!hasBrowser)('回款 in the mini-app (needs Debian chromium)', () => {
  beforeAll(async () => {
    const zhangwei = await as('张伟');
    const lina = await as('李娜');
    const { rows } = await db.query<{ id: number }>(
      `select c.id from customer c join app_user u on u.id = c.owner_id where u.name = '张伟' and c.deleted_at is null order by c.id limit 1`,
    );
    customerId = rows[0]!.id;
    const contract = await zhangwei('POST', '/api/contracts', {
      customerId,
      number: 'HT-2026-0088',
      name: '年度服务合同',
      amountCents: 30_000_000,
      startDate: '2026-01-01',
      endDate: '2027-12-31',
    });
    contractId = contract.body.id;
    const plan = await zhangwei('POST', `/api/contracts/${contractId}/receivables`, {
      instalments: [
        { dueDate: '2026-10-31', amountCents: 10_000_000 },
        { dueDate: '2026-12-20', amountCents: 10_000_000 },
        { dueDate: '2027-06-30', amountCents: 10_000_000 },
      ],
    });
    expect(plan.status).toBe(201);
    const run = await zhangwei('POST', `/api/contracts/${contractId}/submit`, {});
    expect((await lina('POST', `/api/approvals/${run.body.approvalId}/approve`, {})).status).toBe(200);
  });

  let page: Page;

  test('罗娟 opens 回款 from 我的: what falls due soon, what is overdue, per customer', async () => {
    page = await world.signIn('罗娟');
    await page.goto(`${world.server.url}/app/#/pages/me/index`);
    await page.locator('.nut-cell', { hasText: '回款' }).first().click({ timeout: 15_000 });
    await expect.poll(() => page.url()).toContain('#/pages/receivables/index');
    await page.locator('.receivable-row').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('.receivable-row').first().textContent(), { timeout: 15_000 })
      .toContain('第2期 · 回款日 2026-12-20');
    await settle(page);
    await page.screenshot({ path: screenshot('receivables-due') });
    await page.locator('.k-tab', { hasText: '已逾期' }).click();
    await expect
      .poll(() => page.locator('.receivable-row').first().textContent(), { timeout: 15_000 })
      .toContain('逾期');
    await expect
      .poll(() => page.locator('.receivables__customers').textContent(), { timeout: 15_000 })
      .toContain('¥100,000.00');
    await settle(page);
    await page.screenshot({ path: screenshot('receivables-overdue') });
  });

  test('she records ¥40,000 of the overdue instalment: still 逾期 with ¥60,000 open, on the contract plan', async () => {
    await page.locator('.receivable-row .k-row-action', { hasText: '登记回款' }).first().click();
    const sheet = page.locator('.receipt-form');
    await sheet.waitFor();
    await sheet.locator('input').first().fill('40000');
    await settle(page);
    await page.screenshot({ path: screenshot('receivables-record') });
    await sheet.locator('.nut-button', { hasText: '登记回款' }).click({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('.receivable-row').first().textContent(), { timeout: 15_000 })
      .toContain('未收 ¥60,000.00');
    await page.locator('.receivable-row').first().click();
    await expect.poll(() => page.url()).toContain(`#/pages/receivables/contract?id=${contractId}`);
    await page.locator('text=¥40,000.00').first().waitFor({ timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('receivables-contract'), fullPage: true });
  });

  test("张伟's customer 单据 show the 回款 block with what is overdue", async () => {
    const rep = await world.signIn('张伟');
    await rep.goto(`${world.server.url}/app/#/pages/customers/detail?id=${customerId}`);
    await rep.locator('.documents-link').click({ timeout: 15_000 });
    const block = rep.locator('.receivables-block__totals');
    await block.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => rep.locator('.k-section-title', { hasText: '回款' }).textContent(), { timeout: 15_000 })
      .toContain('逾期 ¥60,000.00');
    await block.scrollIntoViewIfNeeded();
    await rep.waitForTimeout(300);
    await rep.screenshot({ path: screenshot('receivables-customer-block') });
  });

  test('张伟 asks for a refund from the contract: over what came in is refused, ¥5,000 goes to its flow', async () => {
    const rep = await world.signIn('张伟');
    await rep.goto(`${world.server.url}/app/#/pages/contracts/detail?id=${contractId}`);
    await rep.locator('.contract-link', { hasText: '退款' }).click({ timeout: 15_000 });
    await expect.poll(() => rep.url()).toContain(`#/pages/receivables/refund?contractId=${contractId}`);
    const figures = rep.locator('.refund__figures');
    await figures.waitFor({ timeout: 15_000 });
    expect(await figures.locator('.receivables-block__value').allTextContents()).toEqual([
      '¥40,000.00',
      '¥0.00',
      '¥0.00',
      '¥40,000.00',
    ]);
    await rep.getByText('这份合同还没有退款').waitFor();
    await settle(rep);
    await rep.screenshot({ path: screenshot('receivables-refund-empty'), fullPage: true });

    const form = rep.locator('.refund-form');
    await form.locator('input').first().fill('40000.01');
    await form.locator('.k-chip', { hasText: '部分货物退回' }).click();
    await form.locator('.nut-button', { hasText: '提交退款审批' }).click();
    await form.getByText('退款金额不能超过可退的 ¥40,000.00').waitFor();
    await settle(rep);
    await rep.screenshot({ path: screenshot('receivables-refund-refused'), fullPage: true });
    const { rows: none } = await db.query('select count(*)::int as n from refund where contract_id = $1', [
      contractId,
    ]);
    expect(none).toEqual([{ n: 0 }]);

    await form.locator('input').first().fill('5000');
    await form.locator('.nut-button', { hasText: '提交退款审批' }).click();
    const line = rep.locator('.refund-line', { hasText: '部分货物退回' });
    await line.waitFor({ timeout: 15_000 });
    expect(await line.locator('.k-pill').textContent()).toBe('审批中');
    expect(await line.locator('.k-line__amount').textContent()).toBe('¥5,000.00');
    await expect
      .poll(() => figures.locator('.receivables-block__value').allTextContents(), { timeout: 15_000 })
      .toEqual(['¥40,000.00', '¥0.00', '¥5,000.00', '¥35,000.00']);
    await settle(rep);
    await rep.screenshot({ path: screenshot('receivables-refund-pending'), fullPage: true });
    const { rows } = await db.query(
      `select r.amount_cents::int as amount, r.status, a.status as run from refund r
         join approval_instance a on a.doc_type = 'refund' and a.doc_id = r.id where r.contract_id = $1`,
      [contractId],
    );
    expect(rows).toEqual([{ amount: 500_000, status: 'pending', run: 'pending' }]);

    // The refund opens its approval.
    await line.click();
    await expect.poll(() => rep.url()).toContain('#/pages/approvals/detail?id=');
    await rep.locator('.approval-head__type', { hasText: '退款审批' }).waitFor({ timeout: 15_000 });
  });
});
