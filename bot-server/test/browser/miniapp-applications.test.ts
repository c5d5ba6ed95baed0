// Applications (申请) in the mini-app's h5 build against the real server: 王建国 keeps the types in
// the console (申请类型); 张伟 opens 我的 → 我的申请 → 新建申请, fills the demo's 信用额度申请 and
// sends it, lands on its approval page; 李娜 finds its card in her chat on /sandbox with the
// application's fields as rows. Screenshots: test-results/screenshots/miniapp-applications-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();

const shoot = async (page: Page, name: string) => {
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-applications-${name}`), fullPage: true });
};
const button = (page: Page, text: string) =>
  page.locator('taro-button-core:visible', { hasText: text }).first();

describe.skipIf(!hasBrowser)('申请 in the mini-app (needs Debian chromium)', () => {
  test('王建国 sees and edits the types in the console', async () => {
    const page = await world.signIn('王建国', await world.page(await world.desktop()));
    await page.goto(`${world.server.url}/app/#/pages/admin/application-types`);
    const row = page.locator('.admin-row', { hasText: '信用额度申请' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('账期（单选，必填）');
    await row.click();
    await page.locator('.type-editor').waitFor();
    expect(await page.locator('.type-field').count()).toBe(4);
    await shoot(page, 'types');
  });

  test('张伟 fills 信用额度申请, sends it and lands on its approval page; 我的申请 lists it', async () => {
    const page = await world.signIn('张伟');
    await page.goto(`${world.server.url}/app/#/pages/me/index`);
    await page.locator('.nut-cell', { hasText: '我的申请' }).first().click({ timeout: 15_000 });
    await expect.poll(() => page.url()).toContain('#/pages/applications/index');
    await page.locator('.k-state, .application-row').first().waitFor({ timeout: 15_000 });
    await button(page, '新建申请').click();
    await expect.poll(() => page.url()).toContain('#/pages/applications/new');

    // The one type he may apply for is chosen already; its fields follow.
    await page.locator('.k-form-label', { hasText: '申请额度' }).waitFor({ timeout: 15_000 });
    const customer = page.locator('.k-form-row', { hasText: '客户' }).locator('.k-chip').first();
    await customer.waitFor({ timeout: 15_000 });
    await customer.click();
    await page.locator('.k-form-row', { hasText: '申请额度' }).locator('input').fill('300000');
    await page.locator('.k-chip', { hasText: '月结 60 天' }).click();
    await page
      .locator('.k-form-row', { hasText: '申请理由' })
      .locator('textarea')
      .fill('年度框架合同签约，回款记录良好');
    await shoot(page, 'new');

    await button(page, '提交审批').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/approvals/detail');
    // The h5 router keeps the pages left behind, hidden: the approval page is the one shown.
    await page.locator('.k-page:visible', { hasText: '¥300,000.00' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.k-page:visible').textContent()).toContain('月结 60 天');
    await shoot(page, 'approval');

    await page.goto(`${world.server.url}/app/#/pages/applications/index`);
    const row = page.locator('.application-row', { hasText: '信用额度申请' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain('审批中');
    expect(await row.textContent()).toContain('¥300,000.00');
    await shoot(page, 'mine');
  });

  test('李娜 finds the card in her chat with the application fields as rows', async () => {
    const page = await world.page(await world.desktop());
    await page.goto(`${world.server.url}/sandbox`);
    await expect.poll(() => page.locator('#who').inputValue()).toBe('ZhangWei');
    await page.selectOption('#who', 'LiNa');
    // Her copy, with the approver's buttons (the chat shown a moment before is 张伟's, with 撤回).
    const card = page
      .locator('.card-holder', { hasText: '信用额度申请' })
      .filter({ has: page.locator('button', { hasText: '同意' }) })
      .last();
    await card.waitFor({ timeout: 15_000 });
    const text = await card.textContent();
    for (const shown of ['¥300,000.00', '账期', '月结 60 天', '同意']) expect(text).toContain(shown);
    await card.scrollIntoViewIfNeeded();
    await settle(page);
    await card.screenshot({ path: screenshot('miniapp-applications-card') });
  });
});
