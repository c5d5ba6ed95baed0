// The h5 app in a desktop client's window (1280×800), against the real server in sandbox mode:
// 徐明, an administrator, finds the side navigation in place of the tab bar, with 管理后台, and goes
// through every main page with it, the current one lit; the customer's timeline stands beside the
// profile; Esc closes a sheet and a confirm dialog, Enter saves the customer form. 张伟, a rep, sees
// no 管理后台; on his phone nothing changed: the tab bar, no side navigation.
// Screenshots land in test-results/screenshots/miniapp-desktop-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();

const nav = (page: Page) => page.locator('nav.k-nav');
const navItem = (page: Page, label: string) => nav(page).locator('.k-nav__item', { hasText: label });
const current = (page: Page) => nav(page).locator('[aria-current="page"]').textContent();
const tabBar = (page: Page) => page.locator('.taro-tabbar__tabbar, .weui-tabbar').first();

/** Each main page: how the side navigation names it, its route, and what shows once it loaded. */
const mainPages = [
  { key: 'home', label: '首页', route: '#/pages/home/index', loaded: '.home-figures' },
  // At desktop width the customers are a grid; a phone's 客户 tab is their list.
  {
    key: 'customers',
    label: '客户',
    route: '#/pages/grid/customers',
    loaded: '.k-grid__td',
    phone: { route: '#/pages/customers/index', loaded: '.customer-row' },
  },
  // So are the deals; a phone's 商机 tab is their board.
  {
    key: 'deals',
    label: '商机',
    route: '#/pages/grid/deals',
    // Its own column: the customers grid stays in the page stack, hidden.
    loaded: '.k-grid__td[data-column="stage"]',
    phone: { route: '#/pages/opportunities/index', loaded: '.board-column' },
  },
  // So are the leads (none yet in the demo company: the grid's own title, the other grids stay in
  // the page stack, hidden); a phone opens their list.
  {
    key: 'leads',
    label: '线索',
    route: '#/pages/grid/leads',
    loaded: '.grid-head__title:text-is("线索")',
    phone: { route: '#/pages/leads/index', loaded: '.leads .k-tab' },
  },
  { key: 'tasks', label: '待办', route: '#/pages/tasks/index', loaded: '.tasks .k-tab' },
  { key: 'me', label: '我的', route: '#/pages/me/index', loaded: '.me__profile' },
];

describe.skipIf(!hasBrowser)('the desktop layout (needs Debian chromium)', () => {
  test('an administrator goes through every main page with the side navigation', async () => {
    const page = await world.page(await world.desktop());
    await world.signIn('徐明', page);

    await nav(page).waitFor({ timeout: 15_000 });
    expect(await tabBar(page).isVisible()).toBe(false);
    await expect
      .poll(() => nav(page).locator('.k-nav__item').allTextContents())
      .toEqual(['首页', '客户', '商机', '线索', '待办', '我的', '管理后台']);
    expect(await nav(page).locator('.k-nav__brand').textContent()).toContain('客联');
    expect(await nav(page).locator('.k-nav__me').textContent()).toContain('徐明');
    // The page stands beside the navigation, not under it.
    const navBox = await nav(page).boundingBox();
    const pageBox = await page.locator('.home').boundingBox();
    expect(pageBox!.x).toBeGreaterThanOrEqual(navBox!.x + navBox!.width);
    expect(pageBox!.x + pageBox!.width).toBeLessThanOrEqual(1280);

    for (const { key, label, route, loaded } of mainPages) {
      await navItem(page, label).click();
      await expect.poll(() => page.url(), { timeout: 15_000 }).toContain(route);
      await page.locator(loaded).first().waitFor({ timeout: 15_000 });
      expect(await current(page)).toBe(label);
      await settle(page);
      await page.screenshot({ path: screenshot(`miniapp-desktop-${key}`) });
    }

    await navItem(page, '管理后台').click();
    await expect.poll(() => page.url()).toContain('#/pages/admin/users');
    await page.locator('.admin-row').first().waitFor({ timeout: 15_000 });
    expect(await current(page)).toBe('管理后台');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-desktop-admin') });
  }, 120_000);

  test('a customer: the timeline beside the profile, Esc closes the sheet, Enter saves the form', async () => {
    const page = await world.page(await world.desktop());
    await world.signIn('张伟', page);
    await navItem(page, '客户').click();
    // A company with a profile to show (the first rows are people with little filled in), opened
    // from the grid by the ↗ beside its check box.
    await page
      .locator('.k-grid__row', { hasText: '有限公司' })
      .first()
      .locator('.k-grid__open-mark')
      .click({ timeout: 15_000 });
    await expect.poll(() => page.url()).toContain('#/pages/customers/detail');
    // A customer's own page is still 客户's place.
    await page.locator('.timeline__item').first().waitFor({ timeout: 15_000 });
    expect(await current(page)).toBe('客户');
    const profile = await page.locator('.customer-detail__profile').boundingBox();
    const timeline = await page.locator('.customer-detail__timeline').boundingBox();
    expect(timeline!.x).toBeGreaterThan(profile!.x + profile!.width - 1);
    expect(Math.abs(timeline!.y - profile!.y)).toBeLessThan(2);
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-desktop-customer') });

    // 写跟进 opens its sheet; Esc closes it.
    await page.locator('.profile__action--primary').click();
    const form = page.locator('.follow-up-form');
    await form.waitFor();
    await form.locator('textarea').focus();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-desktop-follow-up') });
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden', timeout: 5000 });

    // 编辑: a new address typed in, Enter saves and goes back to the customer.
    const name = await page.locator('.profile__name').textContent();
    await page.locator('.profile__action', { hasText: '编辑' }).click();
    await expect.poll(() => page.url()).toContain('#/pages/customers/edit');
    const address = page.locator('.k-form-row', { hasText: '地址' }).locator('input');
    await address.waitFor({ timeout: 15_000 });
    expect(await current(page)).toBe('客户');
    await address.fill('北京市朝阳区建国路 88 号');
    await page.keyboard.press('Tab');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-desktop-customer-edit') });
    // Tab goes from the last field to the button that saves.
    await page.locator('.k-form-row', { hasText: '来源' }).locator('input').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('保存修改');
    await address.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/customers/detail');
    await page.locator('.profile__name', { hasText: name! }).waitFor();
    await page.getByText('北京市朝阳区建国路 88 号').first().waitFor({ timeout: 15_000 });

    // A rep has no 管理后台; 退出登录's confirm dialog closes with Esc, and he stays signed in.
    expect(await navItem(page, '管理后台').count()).toBe(0);
    await navItem(page, '我的').click();
    await page.locator('.nut-button', { hasText: '退出登录' }).click({ timeout: 15_000 });
    const dialog = page.locator('.taro__modal');
    await dialog.getByText('退出后需要重新登录才能使用客联。').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 });
    expect(page.url()).toContain('#/pages/me/index');
    expect(await current(page)).toBe('我的');
  }, 120_000);

  test('on a phone nothing changed: the tab bar, no side navigation', async () => {
    const page = await world.page(await world.phone());
    await world.signIn('张伟', page);
    // 线索 is no tab (on a phone it opens from 首页): last, as it hides the tab bar.
    const phonePages = [...mainPages.filter((p) => p.key !== 'leads'), mainPages[3]!];
    // The grids are the desktop's: a phone's tabs open the list and the board, 线索 its list.
    for (const { key, label, ...desktop } of phonePages) {
      const { route, loaded } = desktop.phone ?? desktop;
      if (key !== 'leads') {
        await page.locator('.weui-tabbar__label, .taro-tabbar__label', { hasText: label }).first().click();
      } else await page.goto(`${world.server.url}/app/${route}`);
      await expect.poll(() => page.url(), { timeout: 15_000 }).toContain(route);
      await page.locator(loaded).first().waitFor({ timeout: 15_000 });
      expect(await nav(page).count()).toBe(0);
      expect(await tabBar(page).isVisible()).toBe(key !== 'leads');
      await settle(page);
      await page.screenshot({ path: screenshot(`miniapp-desktop-${key}-phone`) });
    }
  }, 120_000);
});
