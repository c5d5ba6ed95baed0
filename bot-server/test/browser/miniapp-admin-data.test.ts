// 徐明, the demo company's administrator, keeps the data settings in the h5 console against the
// real server in sandbox mode: he adds a custom field for customers, tries to make it a number
// while a rep has written words in it and is told how many customers stand in the way, renames
// it, adds a tag to a group synced with WeCom, then finds all of it in 操作日志, with the values
// before and after. Screenshots of each page at phone and desktop widths land in
// test-results/screenshots/miniapp-admin-data-*.png.
import pg from 'pg';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { apiClient } from '../api/support.js';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };

/** The page at desktop width, then at phone width: the detail, then the list it replaces there. */
async function both(page: Page, name: string) {
  await page.setViewportSize(desktop);
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-admin-data-${name}-desktop`) });
  await page.setViewportSize(phone.viewport);
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-admin-data-${name}-phone`), fullPage: true });
  const back = page.locator('.admin-panel__back');
  if (await back.isVisible()) {
    await back.click();
    await settle(page);
    await page.screenshot({ path: screenshot(`miniapp-admin-data-${name}-list-phone`), fullPage: true });
  }
  await page.setViewportSize(desktop);
}

/** 张伟 writes words into the new field on one of his customers, through the API as his app would. */
async function repWritesWords(key: string, value: string) {
  const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
  const { rows } = await db.query<{ id: number }>(`select id from app_user where name = '张伟'`);
  await db.end();
  const api = apiClient(world.server);
  const signedIn = await api('/api/auth/sandbox', { body: { userId: rows[0]!.id } });
  const token: string = signedIn.body.token;
  const customers = await api('/api/customers?limit=1', { token });
  const id: number = customers.body.items[0].id;
  const written = await api(`/api/customers/${id}`, {
    method: 'PATCH',
    token,
    body: { customFields: { [key]: value } },
  });
  expect(written.status, JSON.stringify(written.body)).toBe(200);
}

const button = (page: Page, text: string) => page.locator('taro-button-core', { hasText: text });

describe.skipIf(!hasBrowser)('the console data settings (needs Debian chromium)', () => {
  test('徐明 adds a field, is refused a type change the stored values would not fit, adds a tag, and finds it all in 操作日志', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await page.goto(`${world.server.url}/app/#/pages/admin/fields`);
    await button(page, '新建字段').click({ timeout: 20_000 });
    const editor = page.locator('.data-editor');
    await editor.locator('.data-editor__label input').fill('员工人数');
    await button(page, '创建字段').click();
    const row = page.locator('.admin-row', { hasText: '员工人数' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('文字');

    await repWritesWords('员工人数', '约两百人');
    await editor.getByText('数字', { exact: true }).click();
    await button(page, '保存').click();
    const refusal = '1 个客户的「员工人数」值不是数字，不能改为数字字段；请先修改或清空这些值';
    await page.getByText(refusal).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshot('miniapp-admin-data-fields-refused-desktop') });
    await page.getByText('知道了', { exact: true }).click();
    expect(await row.textContent()).toContain('文字');

    // What he can do: rename it, and make it required.
    await editor.getByText('文字', { exact: true }).click();
    await editor.locator('.data-editor__label input').fill('在职人数');
    await editor.getByText('必填', { exact: true }).click();
    await button(page, '保存').click();
    await page.locator('.admin-row', { hasText: '在职人数' }).waitFor({ timeout: 10_000 });
    await both(page, 'fields');

    // 标签: the WeCom-synced 客户等级 group gets a tag.
    await page.locator('.admin__nav-item', { hasText: '标签' }).click();
    const synced = page.locator('.admin-row', { hasText: '已同步企业微信' }).first();
    await synced.waitFor({ timeout: 15_000 });
    const name = (await synced.locator('.admin-row__name').textContent())!;
    const group = page.locator('.admin-row').filter({ has: page.getByText(name, { exact: true }) });
    await group.click();
    await page.locator('.data-tag__new input').fill('战略客户');
    await button(page, '添加标签').click();
    await expect.poll(() => page.locator('.data-tag input').last().inputValue()).toBe('战略客户');
    // Kelian has it; WeCom gets it by a job: until then the group says it is on its way.
    await expect.poll(() => group.textContent()).toContain('战略客户');
    expect(await group.textContent()).toContain('企业微信同步中（1 个待同步）');
    // 上移: it goes before the tag above it, in the editor and in the list.
    const lines = page.locator('.data-tag');
    const count = await lines.count();
    await lines
      .nth(count - 1)
      .getByLabel('上移')
      .click();
    await expect
      .poll(() =>
        lines
          .nth(count - 2)
          .locator('input')
          .inputValue(),
      )
      .toBe('战略客户');
    await expect
      .poll(async () => (await group.locator('.data-chip').allTextContents()).at(-2))
      .toBe('战略客户');
    await both(page, 'tags');

    // 操作日志: his own changes to custom fields, newest first, with before → after.
    await page.locator('.admin__nav-item', { hasText: '操作日志' }).click();
    await page.locator('.audit-entry').first().waitFor({ timeout: 15_000 });
    await page.locator('.audit-picker__search input').fill('徐明');
    await page.locator('.audit-picker__found .admin-chip', { hasText: '徐明' }).click({ timeout: 10_000 });
    await page.locator('.audit-filters .admin-chip', { hasText: '自定义字段' }).click();
    const entries = page.locator('.audit-entry');
    await expect.poll(() => entries.count(), { timeout: 10_000 }).toBe(2);
    const updated = entries.nth(0);
    expect(await updated.locator('.audit-action').textContent()).toBe('修改');
    const label = updated.locator('.audit-change', { hasText: '字段名称' });
    expect(await label.locator('.audit-change__before').textContent()).toBe('员工人数');
    expect(await label.locator('.audit-change__after').textContent()).toBe('在职人数');
    const required = updated.locator('.audit-change', { hasText: '必填' });
    expect(await required.textContent()).toBe('必填否→是');
    // The refused type change left nothing: only the creation and the rename are there.
    expect(await entries.nth(1).textContent()).toContain('新建');
    expect(await entries.nth(1).textContent()).toContain('类型文字');
    await both(page, 'audit');

    await page
      .locator('.audit-filters .admin-chip')
      .filter({ hasText: /^标签$/ })
      .click();
    await page.locator('.audit-filters .admin-chip', { hasText: '今天' }).click();
    const tagEntry = page.locator('.audit-entry', { hasText: '战略客户' });
    await tagEntry.waitFor({ timeout: 10_000 });
    expect(await tagEntry.locator('.audit-action').textContent()).toBe('新建');
    // The move after it: two tags traded places, newest first.
    const moves = page.locator('.audit-entry', { hasText: '排序' });
    expect(await moves.count()).toBe(2);
    expect(await page.locator('.audit-entry').count()).toBe(3);
    expect(await moves.allTextContents()).toContainEqual(
      expect.stringContaining(`排序${count - 1}→${count - 2}`),
    );

    await page.locator('.audit-filters .admin-chip', { hasText: '删除' }).click();
    await page.getByText('没有符合条件的操作记录').waitFor({ timeout: 10_000 });
  });
});
