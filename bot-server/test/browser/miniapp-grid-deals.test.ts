// The deals grid (issue 19) in the h5 build at desktop width, against the real server in sandbox
// mode: the sales manager 李娜 opens 商机 from the side navigation, changes a deal's amount in place
// (double-click, type yuan, Enter; a word instead of an amount is refused in Chinese and changes
// nothing), and moves three deals to 商务谈判 at once; 看板 opens the board. On a phone the same
// page is a compact list.
// Screenshots land in test-results/screenshots/miniapp-grid-deals-*.png.
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { cell, rows } from './grid-page.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };
const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
afterAll(() => db.end());

const dealNamed = async (name: string) =>
  (await db.query('select amount_cents, stage_id from opportunity where name = $1', [name])).rows[0];

describe.skipIf(!hasBrowser)('the deals grid (needs Debian chromium)', () => {
  test('李娜 changes an amount in place and moves three deals to 商务谈判 in one go', async () => {
    const page = await world.signIn('李娜');
    await page.setViewportSize(desktop);
    await page.locator('.k-nav__item', { hasText: '商机' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/grid/deals');
    await rows(page).nth(5).waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-deals-desktop') });

    // The first open, editable row.
    const status = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => (await cell(page, i, 'status').textContent())?.trim()),
    );
    const first = status.indexOf('进行中');
    expect(first).toBeGreaterThanOrEqual(0);
    const name = (await cell(page, first, 'name').textContent())?.trim() ?? '';
    const before = await dealNamed(name);

    // A word is no amount: refused in Chinese, nothing saved.
    await cell(page, first, 'amountCents').dblclick();
    const editor = page.locator('.k-grid__editor input');
    await editor.fill('十万');
    await editor.press('Enter');
    await page.getByText('金额请填写数字（元），最多两位小数').waitFor({ timeout: 10_000 });
    await page.getByText('知道了', { exact: true }).click();
    expect(await dealNamed(name)).toEqual(before);
    if ((await editor.count()) > 0) await editor.press('Escape');

    // Yuan with the fen, saved as cents, shown in ¥.
    await cell(page, first, 'amountCents').dblclick();
    await editor.fill('123456.50');
    await editor.press('Enter');
    await expect.poll(() => cell(page, first, 'amountCents').textContent()).toBe('¥123,456.50');
    expect(Number((await dealNamed(name)).amount_cents)).toBe(12_345_650);

    // Three open deals: a click on a box and two more, then 调整阶段 → 商务谈判.
    const open = status.flatMap((s, i) => (s === '进行中' ? [i] : [])).slice(0, 3);
    expect(open).toHaveLength(3);
    const names = await Promise.all(
      open.map(async (i) => (await cell(page, i, 'name').textContent())?.trim() ?? ''),
    );
    for (const i of open) await rows(page).nth(i).locator('.k-grid__check').click();
    await page.getByText('已选 3 个').waitFor();
    await page.locator('taro-button-core', { hasText: '调整阶段' }).click();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-deals-batch-desktop') });
    await page.locator('.grid-batch .k-grid__option', { hasText: '商务谈判' }).click();
    await page.getByText(/已修改 \d 个商机/).waitFor({ timeout: 15_000 });
    await page.getByText('知道了', { exact: true }).click();
    const moved = await db.query(
      `select o.name, s.name as stage from opportunity o join pipeline_stage s on s.id = o.stage_id where o.name = any($1)`,
      [names],
    );
    for (const n of names)
      expect(moved.rows.filter((r) => r.name === n).map((r) => r.stage)).toContain('商务谈判');
    const history = await db.query(
      `select count(*)::int as n from stage_change c join opportunity o on o.id = c.opportunity_id
        join pipeline_stage s on s.id = c.to_stage_id where o.name = any($1) and s.name = '商务谈判'`,
      [names],
    );
    expect(history.rows[0].n).toBeGreaterThanOrEqual(3);

    // ↗ opens the deal's own page.
    await rows(page).nth(first).locator('.k-grid__open').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/pages/opportunities/detail?id=');

    // The pipeline's board is a click away from the grid.
    await page.goto(`${world.server.url}/app/#/pages/grid/deals`);
    await page.reload();
    await page.locator('taro-button-core', { hasText: '看板' }).click({ timeout: 20_000 });
    await page.locator('.board-column').first().waitFor({ timeout: 15_000 });

    await page.setViewportSize(phone.viewport);
    // A fresh load: the page stack would keep the deal's page and the desktop grid behind it.
    await page.goto(`${world.server.url}/app/#/pages/grid/deals`);
    await page.reload();
    await page.locator('.grid-compact__row').first().waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-deals-phone') });
  }, 180_000);
});
