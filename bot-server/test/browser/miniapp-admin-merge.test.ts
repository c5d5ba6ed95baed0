// 合并账号 in the admin console (issue 19): 宋佳 joined 财务部 on both platforms, but WeCom gave the
// app no mobile, so the org sync made two members of her. 徐明 opens her WeCom member in 成员, sees
// her DingTalk member suggested, tries 张伟 first (refused: both on WeCom), then previews what her
// DingTalk member holds and merges it; her panel then shows both accounts and the list marks the
// other member 已合并. Screenshots at phone and desktop width land in
// test-results/screenshots/miniapp-admin-merge-*.png.
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { songJiaJoins } from '../support/unmatched-person.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };
let db: pg.Pool;

beforeAll(async () => {
  if (!hasBrowser) return;
  db = new pg.Pool({ connectionString: testDbUrl(), max: 2 });
  await songJiaJoins(world.server, db);
  // Her DingTalk member has worked a while: the 财务 role and three customers of her own.
  const [dingtalk] = (
    await db.query<{ id: number }>(`select id from app_user where dingtalk_user_id = '0100603'`)
  ).rows;
  await db.query(
    `insert into role_assignment (user_id, role_id, scope, created_at)
       select $1, id, 'all', now() from role where code = 'finance'`,
    [dingtalk!.id],
  );
  await db.query(
    `update customer set owner_id = $1
      where id in (select id from customer where owner_id is not null order by id limit 3)`,
    [dingtalk!.id],
  );
}, 120_000);
afterAll(() => db?.end());

/** Both widths of the same moment: the phone (the panel replaces the list) and a desktop window. */
async function shoot(page: Page, name: string, target: string) {
  await page.setViewportSize(phone.viewport);
  await page.locator(target).scrollIntoViewIfNeeded();
  await settle(page, 400);
  await page.screenshot({ path: screenshot(`miniapp-admin-merge-${name}-phone`), fullPage: true });
  await page.setViewportSize(desktop);
  await page.locator(target).scrollIntoViewIfNeeded();
  await settle(page, 400);
  await page.screenshot({ path: screenshot(`miniapp-admin-merge-${name}-desktop`) });
}

describe.skipIf(!hasBrowser)('合并账号 in the admin console (needs Debian chromium)', () => {
  test('the administrator merges 宋佳’s DingTalk member into her WeCom one', async () => {
    const page = await world.signIn('徐明');
    await page.goto(`${world.server.url}/app/#/pages/admin/users`);
    await page.locator('.admin-filters__search input').fill('宋佳');
    const rows = page.locator('.admin-row', { hasText: '宋佳' });
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    await rows.filter({ hasNotText: '钉钉' }).click();
    const panel = page.locator('.admin-panel');
    await panel.getByText('SongJia').waitFor();

    await panel.locator('taro-button-core', { hasText: '合并另一个账号' }).click();
    const merge = panel.locator('.merge');
    const suggested = merge.locator('.merge__candidate', { hasText: '钉钉 0100603' });
    await suggested.waitFor({ timeout: 10_000 });
    expect(await suggested.textContent()).toContain('财务部');
    await shoot(page, 'choose', '.merge');

    // 张伟 is on WeCom too: not the same person, and the console says so in the server's words.
    await merge.locator('.merge__search input').fill('张伟');
    await merge
      .locator('.merge__candidate', { hasText: '张伟' })
      .getByText('选择')
      .click({ timeout: 10_000 });
    await merge.getByText('都绑定了企业微信账号', { exact: false }).waitFor({ timeout: 10_000 });
    expect(await merge.locator('taro-button-core', { hasText: '确认合并' }).count()).toBe(0);
    await shoot(page, 'refused', '.merge');
    await merge.locator('taro-button-core', { hasText: '重新选择' }).click();

    await merge.locator('.merge__candidate', { hasText: '钉钉 0100603' }).getByText('选择').click();
    const moves = merge.locator('.merge__moves');
    await moves.waitFor({ timeout: 10_000 });
    expect(await moves.locator('.merge__move', { hasText: '负责的客户' }).textContent()).toContain('3');
    expect(await moves.locator('.merge__move', { hasText: '角色' }).textContent()).toContain('1');
    await shoot(page, 'confirm', '.merge');

    await merge.locator('taro-button-core', { hasText: '确认合并' }).click();
    await page.getByText('合并后不能撤销', { exact: false }).waitFor();
    await page.getByText('合并', { exact: true }).last().click();
    await panel.locator('.admin-account', { hasText: '0100603' }).waitFor({ timeout: 10_000 });
    expect(await panel.locator('.admin-account', { hasText: '企业微信' }).textContent()).toContain('SongJia');
    expect(await merge.locator('.merge__chooser, .merge__confirm').count()).toBe(0);
    expect(await panel.locator('.admin-held', { hasText: '财务' }).count()).toBe(1);
    // The 已合并 toast lasts 1.5 s.
    await page.waitForTimeout(2000);
    await shoot(page, 'done', '.admin-panel');

    // In the list (at desktop width, beside the panel) the other member is marked, not gone.
    await page.locator('.admin-chip', { hasText: '全部' }).first().click();
    const marked = page.locator('.admin-row', { hasText: '宋佳' }).filter({ hasText: '已合并' });
    await marked.waitFor({ timeout: 10_000 });
    await settle(page, 400);
    await page.screenshot({ path: screenshot('miniapp-admin-merge-list-desktop') });
  });
});
