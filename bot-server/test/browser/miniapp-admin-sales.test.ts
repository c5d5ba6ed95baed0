// 徐明, the demo company's IT administrator, keeps the sales settings in the h5 console against the
// real server in sandbox mode: he reorders and edits an assignment rule, a follow-up rule and a
// pipeline stage, and fills in a rep's monthly target in place. Each time he first types something
// the server refuses (a recycle limit of 0, a lead sent back to the pool, a stall limit of 0, a
// negative target): he reads why in the page, and after a reload nothing has changed. Every page is
// photographed at desktop and phone width: test-results/screenshots/miniapp-admin-sales-*.png.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };

/** Both widths of the page as it stands; back at desktop width afterwards. */
async function photograph(page: Page, name: string) {
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-admin-sales-${name}-desktop`) });
  await page.setViewportSize(phone.viewport);
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-admin-sales-${name}-phone`), fullPage: true });
  // On a phone the editor stands in the list's place: the list has its own picture.
  const back = page.locator('.admin-panel__back');
  if (await back.isVisible()) {
    await back.click();
    await settle(page);
    await page.screenshot({ path: screenshot(`miniapp-admin-sales-${name}-list-phone`), fullPage: true });
  }
  await page.setViewportSize(desktop);
}

/** The text box of the editor's field with this label. */
const box = (page: Page, label: string): Locator =>
  page.locator('.sales-field', { has: page.getByText(label, { exact: true }) }).locator('input');

/** Saves, is refused, reads the server's reason in the page and closes it. */
async function refusedWith(page: Page, button: string, reason: string) {
  await page.locator('taro-button-core', { hasText: button }).click();
  await page.getByText(reason).waitFor({ timeout: 10_000 });
  await page.getByText('知道了', { exact: true }).click();
}

const rowOf = (page: Page, name: string) => page.locator('.admin-split__list .admin-row', { hasText: name });
const metaOf = async (row: Locator) => (await row.locator('.admin-row__meta').allTextContents()).join(' | ');
const namesInOrder = (page: Page) => page.locator('.admin-split__list .admin-row__name').allTextContents();

describe.skipIf(!hasBrowser)('the console’s sales settings (needs Debian chromium)', () => {
  test('徐明 edits an assignment rule and a follow-up rule; what the server refuses stays as it was', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await page.goto(`${world.server.url}/app/#/pages/admin/users`);
    await page.locator('.admin__nav-item', { hasText: '销售设置' }).click({ timeout: 15_000 });
    await rowOf(page, '华北地区').waitFor({ timeout: 15_000 });
    expect(await page.locator('.sales-tabs__item--on').textContent()).toBe('线索分配');
    expect(await namesInOrder(page)).toEqual(['华北地区', '华东地区', '华南地区']);
    expect(await metaOf(rowOf(page, '华北地区'))).toBe(
      '地区：北京、天津、河北、山西、内蒙古 · 来源：不限 · 行业：不限 | 分给华北销售部 · 推送团队认领 · 7 天未跟进退回公海',
    );

    await rowOf(page, '华南地区').getByText('上移').click();
    await expect.poll(() => namesInOrder(page)).toEqual(['华北地区', '华南地区', '华东地区']);

    await rowOf(page, '华北地区').click();
    await box(page, '自动回收').fill('0');
    await refusedWith(page, '保存', '回收天数应为 1 到 365 的整数');
    await page.reload();
    await rowOf(page, '华北地区').waitFor({ timeout: 15_000 });
    expect(await metaOf(rowOf(page, '华北地区'))).toContain('7 天未跟进退回公海');

    await rowOf(page, '华北地区').click();
    await box(page, '来源').fill('官网表单、展会');
    await box(page, '自动回收').fill('10');
    await page.locator('.admin-split__detail .admin-chip', { hasText: '轮流分配' }).click();
    await page.locator('taro-button-core', { hasText: '保存' }).click();
    await expect
      .poll(() => metaOf(rowOf(page, '华北地区')))
      .toBe(
        '地区：北京、天津、河北、山西、内蒙古 · 来源：官网表单、展会 · 行业：不限 | 分给华北销售部 · 轮流分配 · 10 天未跟进退回公海',
      );
    await photograph(page, 'assignment');

    // 跟进规则: a rule about leads cannot send them to the pool; its days can change.
    await page.locator('.sales-tabs__item', { hasText: '跟进规则' }).click();
    const rule = rowOf(page, '首次跟进后 3 天回访');
    await rule.waitFor({ timeout: 15_000 });
    expect(await metaOf(rule)).toContain('首次跟进后 3 天 → 给负责人创建待办');
    await rule.click();
    await page.locator('.admin-split__detail .admin-chip', { hasText: '线索' }).click();
    await page.locator('.admin-split__detail .admin-chip', { hasText: '退回公海' }).click();
    await refusedWith(page, '保存', '只有客户可以退回公海');
    await page.reload();
    await rule.waitFor({ timeout: 15_000 });
    expect(await metaOf(rule)).toContain('首次跟进后 3 天 → 给负责人创建待办');

    await rule.click();
    await box(page, '天数').fill('5');
    await page.locator('taro-button-core', { hasText: '保存' }).click();
    await expect.poll(() => metaOf(rule)).toContain('首次跟进后 5 天 → 给负责人创建待办');
    await photograph(page, 'followup');
  });

  test('徐明 sets a stage’s stall limit and order, and a rep’s target in place', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await page.goto(`${world.server.url}/app/#/pages/admin/stages`);
    const quote = rowOf(page, '方案报价');
    await quote.waitFor({ timeout: 15_000 });
    expect(await metaOf(quote)).toBe('赢率 50% · 停留超过 10 天提醒');

    await quote.click();
    await box(page, '停滞提醒').fill('0');
    await refusedWith(page, '保存', '停滞天数应为 1 到 365 的整数');
    await box(page, '停滞提醒').fill('十天');
    await refusedWith(page, '保存', '停滞天数应为 1 到 365 的整数');
    await page.reload();
    await quote.waitFor({ timeout: 15_000 });
    expect(await metaOf(quote)).toBe('赢率 50% · 停留超过 10 天提醒');

    await quote.click();
    await box(page, '停滞提醒').fill('12');
    await box(page, '赢率').fill('55');
    await page.locator('taro-button-core', { hasText: '保存' }).click();
    await expect.poll(() => metaOf(quote)).toBe('赢率 55% · 停留超过 12 天提醒');
    await rowOf(page, '商务谈判').getByText('上移').click();
    await expect
      .poll(() => namesInOrder(page))
      .toEqual(['初步接洽', '需求确认', '商务谈判', '方案报价', '赢单', '输单']);
    await photograph(page, 'stages');

    // 业绩目标: 刘洋's target in 万元, typed where it stands; a negative one is refused and put back.
    await page.locator('.sales-tabs__item', { hasText: '业绩目标' }).click();
    const liuYang = page.locator('.sales-target', { hasText: '刘洋' });
    await liuYang.waitFor({ timeout: 15_000 });
    const input = liuYang.locator('input');
    const stored = await input.inputValue();
    await input.fill('-100');
    await input.blur();
    await page.getByText('目标金额不能为负数').waitFor({ timeout: 10_000 });
    await page.getByText('知道了', { exact: true }).click();
    await expect.poll(() => input.inputValue()).toBe(stored);
    await page.reload();
    await liuYang.waitFor({ timeout: 15_000 });
    expect(await input.inputValue()).toBe(stored);

    await input.fill('88');
    await input.blur();
    await page.waitForLoadState('networkidle');
    await page.reload();
    await liuYang.waitFor({ timeout: 15_000 });
    expect(await input.inputValue()).toBe('88');
    expect(await page.locator('.sales-target--team', { hasText: '华北销售部' }).count()).toBe(1);
    await photograph(page, 'targets');

    // Another month: its own sheet, nothing set yet for 刘洋.
    await page.getByText('下月 ›').click();
    await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toBe('');
  });
});
