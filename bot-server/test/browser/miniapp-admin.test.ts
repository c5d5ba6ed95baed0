// 徐明, the demo company's IT administrator, opens the admin console from 我的 in the h5 build,
// against the real server in sandbox mode: on a phone he finds 张伟 and gives him, then takes back,
// a second role; at desktop width he drafts a custom role that hides customers' phone numbers and
// sees what 张伟 would see under it before saving it. 张伟 himself gets no way in.
// Screenshots land in test-results/screenshots/miniapp-admin-*.png.
import { describe, expect, test } from 'vitest';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };

describe.skipIf(!hasBrowser)('the admin console (needs Debian chromium)', () => {
  test('on a phone the administrator finds 张伟, gives him a role with its scope and takes it back', async () => {
    const page = await world.signIn('徐明');
    await page.goto(`${world.server.url}/app/#/pages/me/index`);
    const entry = page.locator('.nut-cell', { hasText: '管理后台' });
    await entry.waitFor({ timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-entry-phone') });
    await entry.click();
    await page.locator('.admin-row').first().waitFor({ timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-users-phone'), fullPage: true });

    await page.locator('.admin-filters__search input').fill('张伟');
    await page.locator('.admin-row', { hasText: '张伟' }).click({ timeout: 15_000 });
    const panel = page.locator('.admin-panel');
    await panel.getByText('ZhangWei').waitFor();
    expect(await panel.textContent()).toContain('0100102');

    await panel.locator('.admin-chip', { hasText: '客服' }).click();
    await panel.getByText('本部门', { exact: true }).click();
    await panel.locator('taro-button-core', { hasText: '分配「客服」' }).click();
    await panel.locator('.admin-held', { hasText: '客服' }).waitFor({ timeout: 10_000 });
    expect(await panel.locator('.admin-held', { hasText: '客服' }).textContent()).toContain(
      '本部门（华北销售部）',
    );
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-user-phone'), fullPage: true });

    await panel.locator('.admin-held', { hasText: '客服' }).getByText('移除').click();
    await page.getByText('移除 张伟 的「客服」角色', { exact: false }).waitFor();
    await page.getByText('移除', { exact: true }).last().click();
    await expect.poll(() => panel.locator('.admin-held', { hasText: '客服' }).count()).toBe(0);
  });

  test('at desktop width he drafts a role hiding phone numbers and previews what 张伟 sees', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await page.goto(`${world.server.url}/app/#/pages/admin/users`);
    await page.locator('.admin-row', { hasText: '张伟' }).click({ timeout: 15_000 });
    await page.locator('.admin-panel').getByText('ZhangWei').waitFor();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-users-desktop') });

    // 张伟 holds 销售: hiding 电话 in it, unsaved, hides the numbers in his list.
    await page.locator('.admin__nav-item', { hasText: '角色与权限' }).click();
    await page
      .locator('.admin-split--roles .admin-row')
      .filter({ has: page.getByText('销售', { exact: true }) })
      .click({ timeout: 15_000 });
    const editor = page.locator('.admin-editor__rules');
    const phoneRule = editor
      .locator('.admin-fields', { hasText: '客户' })
      .first()
      .locator('.admin-rule', { hasText: '电话' });
    await phoneRule.getByText('隐藏', { exact: true }).click();
    const preview = page.locator('.admin-preview');
    await preview.getByText('张伟', { exact: true }).click();
    await preview.locator('.admin-preview__row').first().waitFor({ timeout: 15_000 });
    await expect
      .poll(() => preview.locator('.admin-preview__row .admin-preview__cell--hidden').count())
      .toBeGreaterThan(0);
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-roles-desktop') });

    await page.setViewportSize(phone.viewport);
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-roles-phone'), fullPage: true });
    await page.setViewportSize(desktop);

    // A custom role: refused without a name, in words that say so; created; deleted while nobody holds it.
    await page.locator('taro-button-core', { hasText: '新建角色' }).click();
    await page.locator('taro-button-core', { hasText: '创建角色' }).click();
    await page.getByText('请填写角色名称').waitFor({ timeout: 10_000 });
    await page.getByText('知道了', { exact: true }).click();
    await page.locator('.admin-input input').fill('大客户销售');
    await editor.getByText('本部门及下级', { exact: true }).click();
    await page.locator('taro-button-core', { hasText: '创建角色' }).click();
    const created = page.locator('.admin-split--roles .admin-row', { hasText: '大客户销售' });
    await created.waitFor({ timeout: 10_000 });
    await page.locator('taro-button-core', { hasText: '删除角色' }).click();
    await page.getByText('删除「大客户销售」？删除后不能恢复。').waitFor();
    await page.getByText('删除', { exact: true }).last().click();
    await expect.poll(() => created.count()).toBe(0);
  });

  test('a sales rep sees no entry, and the console itself refuses him', async () => {
    const page = await world.signIn('张伟');
    await page.goto(`${world.server.url}/app/#/pages/me/index`);
    await page.getByText('角色与数据范围').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('管理后台', { exact: true }).count()).toBe(0);
    await page.goto(`${world.server.url}/app/#/pages/admin/users`);
    await page.getByText('仅管理员可以使用管理后台').waitFor({ timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-admin-refused-phone') });
  });
});
