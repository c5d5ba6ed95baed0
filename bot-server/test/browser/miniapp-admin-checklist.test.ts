// 徐明, the demo company's IT administrator, opens 上线检查 in the h5 build against the real server in
// sandbox mode: he sees what passes and what to fix, the sandbox then answers gettoken with 60020 as
// WeCom would and 重新检查 names the IP to add in 企业可信IP; 立即同步 syncs the directory and the
// block says who synced and when. At desktop width the org sync stands beside the checks. 张伟 gets
// no way in. Screenshots: test-results/screenshots/miniapp-admin-checklist-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };

async function openChecklist(page: Page) {
  await page.goto(`${world.server.url}/app/#/pages/admin/checklist`);
  await page.locator('.golive-check').first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/**
 * The whole page in one picture: the h5 page scrolls inside its own box, so the window is made as
 * tall as the content for the shot, then given back its size.
 */
async function shootWhole(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate("document.querySelector('.golive').scrollHeight + 80");
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Number(height)) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshot(name) });
  await page.setViewportSize(size);
}

const armSwitch = (body: object) =>
  fetch(`${world.server.url}/sandbox/api/switches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.skipIf(!hasBrowser)('上线检查 (needs Debian chromium)', () => {
  test('on a phone: each check with its mark and fix, 60020 after 重新检查, and 立即同步', async () => {
    const page = await world.signIn('徐明');
    await openChecklist(page);
    // 上线检查 is the console's first section.
    expect(await page.locator('.admin__nav-item').first().textContent()).toBe('上线检查');
    const https = page.locator('.golive-check', { hasText: '公网地址使用 HTTPS' });
    expect(await https.getAttribute('class')).toContain('golive-check--fail');
    expect(await https.locator('.golive-fix__text').textContent()).toContain('PUBLIC_URL');
    const token = page.locator('.golive-check', { hasText: '能获取企业微信访问凭证' });
    expect(await token.locator('.golive-mark').textContent()).toBe('✓');

    expect((await armSwitch({ platform: 'wecom', api: 'gettoken', errcode: 60020 })).status).toBe(201);
    await page.locator('taro-button-core', { hasText: '重新检查' }).click();
    await token.locator('.golive-fix__text', { hasText: '企业可信IP' }).waitFor({ timeout: 15_000 });
    expect(await token.locator('.golive-fix__text').textContent()).toContain('添加 127.0.0.1');
    expect(await token.locator('.golive-mark').textContent()).toBe('✕');
    await page.waitForTimeout(300);
    await shootWhole(page, 'miniapp-admin-checklist-phone');

    const block = page.locator('.golive-sync');
    await block.locator('taro-button-core', { hasText: '立即同步' }).click();
    await block.getByText('徐明 手动同步').first().waitFor({ timeout: 30_000 });
    await block.locator('.golive-outcome--succeeded').nth(1).waitFor({ timeout: 30_000 });
    await block.locator('taro-button-core', { hasText: '立即同步' }).waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await block.screenshot({ path: screenshot('miniapp-admin-checklist-org-sync') });
  });

  test('at desktop width the org sync stands beside the checks', async () => {
    const page = await world.signIn('徐明');
    await page.setViewportSize(desktop);
    await openChecklist(page);
    const checks = await page.locator('.golive__main').boundingBox();
    const side = await page.locator('.golive__side').boundingBox();
    expect(side!.x).toBeGreaterThan(checks!.x + checks!.width);
    expect(side!.y).toBeLessThan(checks!.y + 50);
    await shootWhole(page, 'miniapp-admin-checklist-desktop');
  });

  test('a rep is told the console is for administrators', async () => {
    const page = await world.signIn('张伟');
    await page.goto(`${world.server.url}/app/#/pages/admin/checklist`);
    await page.getByText('仅管理员可以使用管理后台').waitFor({ timeout: 15_000 });
    expect(await page.locator('.golive-check').count()).toBe(0);
  });
});
