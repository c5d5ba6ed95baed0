// 产品 in the console, h5 build against the real server in sandbox mode: 徐明 (administrator, who
// holds the product edit right) finds the robot by a piece of its SKU, adds a product with a floor
// above its list price (refused on the page, nothing written), then within it; changes its price and
// takes it off sale. 张伟 (sales) reads the same catalogue with no 新建 and no edit. Screenshots at
// desktop and phone widths land in test-results/screenshots/miniapp-products-*.png.
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
afterAll(() => db.end());
const desktop = { width: 1280, height: 800 };

const shoot = async (page: Page, name: string, fullPage = false) => {
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-products-${name}`), fullPage });
};
const button = (page: Page, text: string) =>
  page.locator('taro-button-core:visible', { hasText: text }).first();
/** The editor's input under its label. */
const field = (page: Page, label: string) =>
  page
    .locator('.product-field', { has: page.locator('.admin-card__hint', { hasText: label }) })
    .locator('input');

describe.skipIf(!hasBrowser)('产品 in the console (needs Debian chromium)', () => {
  test('徐明 searches, adds a product (a floor above the list price refused first), edits it and takes it off sale', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await page.goto(`${world.server.url}/app/#/pages/admin/users`);
    await page.locator('.admin__nav-item', { hasText: '产品' }).click({ timeout: 20_000 });
    await expect.poll(() => page.url()).toContain('#/pages/admin/products');
    await page.locator('.product-row').first().waitFor({ timeout: 20_000 });
    await shoot(page, 'list-desktop');

    await page.locator('.admin-filters__search input').fill('AGV-3');
    await expect.poll(() => page.locator('.product-row').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('.product-row', { hasText: 'YF-AGV-300' }).click();
    expect(await field(page, 'SKU').inputValue()).toBe('YF-AGV-300');
    await shoot(page, 'edit-desktop');

    await page.locator('.admin-filters__search input').fill('');
    await button(page, '新建产品').click();
    await field(page, 'SKU').fill('YF-SORT-8');
    await field(page, '单位').fill('条');
    await field(page, '产品名称').fill('智能分拣线');
    await field(page, '规格').fill('8 格口，3000 件/小时');
    await field(page, '标准价').fill('500000');
    await field(page, '底价').fill('520000');
    await field(page, '分类').fill('仓储设备');
    await page.locator('.product-editor taro-button-core', { hasText: '新建产品' }).click();
    await page.getByText('底价 ¥520,000.00 不能高于标准价 ¥500,000.00').waitFor();
    await shoot(page, 'refused-desktop');
    const count = async () =>
      (await db.query(`select count(*)::int as n from product where sku = 'YF-SORT-8'`)).rows[0].n;
    expect(await count()).toBe(0);

    await field(page, '底价').fill('420000');
    await page.locator('.product-editor taro-button-core', { hasText: '新建产品' }).click();
    await page.locator('.product-row', { hasText: 'YF-SORT-8' }).waitFor({ timeout: 15_000 });
    expect(await count()).toBe(1);

    await field(page, '标准价').fill('480000.50');
    await page.locator('.product-editor .admin-chip', { hasText: '已停用' }).click();
    await page.locator('.product-editor taro-button-core', { hasText: '保存' }).click();
    const row = page.locator('.product-row', { hasText: 'YF-SORT-8' });
    await row.locator('.admin-badge', { hasText: '已停用' }).waitFor({ timeout: 15_000 });
    expect(await row.locator('.product-row__list').textContent()).toBe('¥480,000.50');
    const { rows } = await db.query(
      `select list_price_cents::int as list, floor_price_cents::int as floor, active from product where sku = 'YF-SORT-8'`,
    );
    expect(rows).toEqual([{ list: 48_000_050, floor: 42_000_000, active: false }]);
    await shoot(page, 'saved-desktop');

    await page.setViewportSize(phone.viewport);
    await shoot(page, 'edit-phone', true);
  }, 120_000);

  test('张伟 reads the catalogue: no 新建, a product opens as facts', async () => {
    const page = await world.signIn('张伟');
    await page.goto(`${world.server.url}/app/#/pages/admin/products`);
    await page.locator('.product-row').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('taro-button-core', { hasText: '新建产品' }).count()).toBe(0);
    await page.getByText('修改需要产品编辑权限').waitFor();
    await shoot(page, 'list-readonly-phone', true);
    await page.locator('.product-row', { hasText: 'YF-AGV-300' }).click();
    await page.locator('.product-fact', { hasText: 'SKU' }).waitFor();
    expect(await page.locator('.product-editor').count()).toBe(0);
    await shoot(page, 'readonly-phone', true);
  }, 60_000);
});
