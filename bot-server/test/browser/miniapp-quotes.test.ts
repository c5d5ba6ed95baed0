// The 报价 pages in the h5 build, against the real server in sandbox mode: 张伟 opens a customer,
// sees its quotes under 单据 (one tap from the 360° page), writes a new quote from the catalogue
// (the customer's last prices under the line, "低于底价，需审批" once the discount goes below the
// floor), saves and submits it (审批中), and turns an approved quote into a contract through the
// 转合同 sheet (number and dates filled in, changed here), landing on the new draft.
// Screenshots land in test-results/screenshots/miniapp-quotes-*.png.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { apiClient } from '../api/support.js';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
afterAll(() => db.end());

let customer: { id: number; name: string };
let approvedQuote: number;

beforeAll(async () => {
  if (!hasBrowser) return;
  const api = apiClient(world.server);
  const token = async (name: string) => {
    const { rows } = await db.query<{ id: number }>('select id from app_user where name = $1', [name]);
    return (await api('/api/auth/sandbox', { body: { userId: rows[0]!.id } })).body.token as string;
  };
  const zhang = await token('张伟');
  customer = (
    await db.query<{ id: number; name: string }>(
      `select c.id, c.name from customer c join app_user u on u.id = c.owner_id
        where u.name = '张伟' and c.deleted_at is null order by c.id limit 1`,
    )
  ).rows[0]!;
  const robot = (await db.query<{ id: number }>(`select id from product where sku = 'YF-AGV-300'`)).rows[0]!
    .id;
  for (const discountPercent of [5, 8]) {
    const res = await api('/api/quotes', {
      token: zhang,
      body: {
        customerId: customer.id,
        title: `搬运机器人 ${discountPercent}% 优惠`,
        validUntil: `${new Date().getUTCFullYear() + 1}-03-31`,
        lines: [{ productId: robot, quantity: 4, discountPercent }],
      },
    });
    expect(res.status).toBe(201);
    expect((await api(`/api/quotes/${res.body.id}/submit`, { token: zhang, body: {} })).status).toBe(200);
    approvedQuote = res.body.id;
  }
}, 60_000);

describe.skipIf(!hasBrowser)('报价 in the mini-app (needs Debian chromium)', () => {
  test('张伟 sees the quotes on the customer, writes one below the floor and submits it', async () => {
    const page = await world.signIn('张伟');
    await page.goto(`${world.server.url}/app/#/pages/customers/detail?id=${customer.id}`);
    const row = page.locator('.documents-link');
    await row.waitFor({ timeout: 20_000 });
    await settle(page);
    // The 360° page scrolls inside the app, not the window: the 单据 card's own picture.
    await page
      .locator('.k-card', { has: row })
      .screenshot({ path: screenshot('miniapp-quotes-customer-documents-row') });
    await row.click();
    await page.getByText('搬运机器人 8% 优惠').waitFor({ timeout: 20_000 });
    expect(await page.locator('.documents__customer').textContent()).toBe(customer.name);
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-quotes-documents'), fullPage: true });

    await page.goto(`${world.server.url}/app/#/pages/quotes/index?customerId=${customer.id}`);
    await page.getByText('搬运机器人 5% 优惠').waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-quotes-list') });

    await page.goto(`${world.server.url}/app/#/pages/quotes/edit?customerId=${customer.id}`);
    await page.locator('.quote-input').first().locator('input').fill('仓储一期（机器人）');
    await page.locator('input[placeholder="搜索产品名称或 SKU"]').fill('AGV-300');
    await page.locator('.quote-pick', { hasText: 'YF-AGV-300' }).click({ timeout: 20_000 });
    // The customer's last prices for the robot: the two approved quotes, newest first.
    await page.getByText('近三次：¥117,760（').waitFor({ timeout: 20_000 });
    const discount = page.locator('.quote-line .quote-input').nth(2).locator('input');
    await discount.fill('15');
    await page.getByText('低于底价，需审批').waitFor();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-quotes-edit'), fullPage: true });

    await page.getByText('保存', { exact: true }).click();
    await page.getByText('人民币壹拾万零捌仟捌佰元整').waitFor({ timeout: 20_000 });
    await page.getByText('提交', { exact: true }).click();
    await page.locator('.quote-status--pending').waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-quotes-detail-pending'), fullPage: true });
    const { rows } = await db.query(
      `select status from quote where customer_id = $1 and title = '仓储一期（机器人）'`,
      [customer.id],
    );
    expect(rows).toEqual([{ status: 'pending' }]);
  }, 90_000);

  test('an approved quote becomes a contract from its detail page', async () => {
    const page = await world.signIn('张伟');
    await page.goto(`${world.server.url}/app/#/pages/quotes/detail?id=${approvedQuote}`);
    await page.getByText('转合同', { exact: true }).click({ timeout: 20_000 });
    const sheet = page.locator('.contract-sheet');
    await sheet.waitFor();
    const number = sheet.locator('input').first();
    expect(await number.inputValue()).toMatch(/^HT-/);
    expect(await sheet.locator('input').nth(1).inputValue()).toBe('搬运机器人 8% 优惠');
    // Filled in: a year from today (Beijing time), signed today.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await sheet.getByText(today).first().waitFor();
    await number.fill('');
    await sheet.locator('taro-button-core', { hasText: '生成合同草稿' }).click();
    await sheet.getByText('请填写合同编号').waitFor();
    await number.fill('HT-2026-ROBOT-01');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-quotes-to-contract') });
    await sheet.locator('taro-button-core', { hasText: '生成合同草稿' }).click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('#/pages/contracts/detail?id=');
    await page.locator('.contract-chip', { hasText: '草稿' }).waitFor({ timeout: 20_000 });
    const { rows } = await db.query(
      'select number, amount_cents::int as amount, start_date::text as start, signed_date::text as signed from contract where quote_id = $1',
      [approvedQuote],
    );
    expect(rows).toEqual([
      { number: 'HT-2026-ROBOT-01', amount: 4 * 11_776_000, start: today, signed: today },
    ]);

    await page.goBack();
    await page.locator('.quote-status--converted').waitFor({ timeout: 20_000 });
    await page.getByText('已转合同，查看 ›').waitFor();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-quotes-detail-converted'), fullPage: true });
    // Its own price, now a contract line, is not among the customer's earlier prices.
    await page.getByText('近三次：¥121,600（').waitFor();
  }, 90_000);
});
