// The customers grid (issue 19) in the h5 build at desktop width, against the real server in
// sandbox mode: the demo administrator 徐明 edits a customer's level in place (double-click, type,
// Enter; Esc leaves a cell as it was) and hands ten customers, chosen with a click and a
// Shift-click, to 张伟 at once. On a phone the same page is a compact list.
// Screenshots land in test-results/screenshots/miniapp-grid-*.png.
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

describe.skipIf(!hasBrowser)('the customers grid (needs Debian chromium)', () => {
  test('徐明 edits a level in place and hands ten customers to 张伟 in one go', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await page.goto(`${world.server.url}/app/#/pages/grid/customers`);
    await rows(page).nth(10).waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-desktop') });

    // In place: double-click the level, type, Enter; the database has it.
    const name = (await cell(page, 0, 'name').textContent())?.trim() ?? '';
    await cell(page, 0, 'level').dblclick();
    const editor = page.locator('.k-grid__editor input');
    await editor.fill('S');
    await page.screenshot({ path: screenshot('miniapp-grid-editing-desktop') });
    await editor.press('Enter');
    await expect.poll(() => cell(page, 0, 'level').textContent()).toBe('S');
    const saved = await db.query('select level from customer where name = $1', [name]);
    expect(saved.rows.map((r) => r.level)).toContain('S');

    // The keyboard: down a row, Enter edits, Esc leaves it as it was.
    const below = (await cell(page, 1, 'level').textContent()) ?? '';
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await editor.waitFor();
    await editor.fill('Z');
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    expect(await cell(page, 1, 'level').textContent()).toBe(below);

    // Ten rows: a click on the first box, a Shift-click on the tenth.
    const names = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => (await cell(page, i, 'name').textContent())?.trim() ?? ''),
    );
    await rows(page).nth(0).locator('.k-grid__check').click();
    await rows(page)
      .nth(9)
      .locator('.k-grid__check')
      .click({ modifiers: ['Shift'] });
    await page.getByText('已选 10 位').waitFor();
    await page.locator('taro-button-core', { hasText: '更换负责人' }).click();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-batch-desktop') });
    await page.locator('.grid-batch .k-grid__option', { hasText: '张伟' }).click();
    await page.getByText('已修改 10 位客户').waitFor({ timeout: 15_000 });
    await page.getByText('知道了', { exact: true }).click();
    const owners = await db.query(
      `select c.name, u.name as owner from customer c join app_user u on u.id = c.owner_id where c.name = any($1)`,
      [names],
    );
    for (const n of names)
      expect(owners.rows.filter((r) => r.name === n).map((r) => r.owner)).toContain('张伟');
    const audits = await db.query(
      `select count(*)::int as n from audit_log a join customer c on a.object_id = c.id::text
        where a.object_type = 'customer' and c.name = any($1) and a.changes ? 'owner'`,
      [names],
    );
    expect(audits.rows[0].n).toBeGreaterThanOrEqual(10);

    await page.setViewportSize(phone.viewport);
    await page.reload();
    await page.locator('.grid-compact__row').first().waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-phone') });
  }, 120_000);
});
