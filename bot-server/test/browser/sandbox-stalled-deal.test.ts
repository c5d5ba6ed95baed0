// 李娜, 张伟's manager, opens /sandbox: the demo's stalled deal waits as a card in her chat with the
// bot; she clicks 提醒负责人 on the page and the card says so, and 张伟 finds the task card.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { hasBrowser, openBrowser, screenshot } from '../support/browser.js';
import { type RunningServer, startTestServer } from '../support/server.js';

let server: RunningServer;
let browser: BrowserContext;
beforeAll(async () => {
  if (!hasBrowser) return;
  await resetDatabase(testDbUrl());
  server = await startTestServer();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(!hasBrowser)('the stalled-deal card on the sandbox page (needs Debian chromium)', () => {
  test('李娜 sees 张伟 stalled deal, clicks 提醒负责人, and 张伟 gets the task card', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox`);
    await expect.poll(() => page.locator('#who').inputValue()).toBe('ZhangWei');
    await page.selectOption('#who', 'LiNa');
    const card = page.locator('.card-holder', { hasText: '商机停滞' });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('负责人 张伟');
    await page.screenshot({ path: screenshot('sandbox-wecom-stalled-deal') });
    await card.locator('button', { hasText: '提醒负责人' }).click();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('李娜 已提醒 张伟 跟进');
    await page.screenshot({ path: screenshot('sandbox-wecom-stalled-deal-nudged') });

    await page.selectOption('#who', 'ZhangWei');
    const task = page.locator('.card-holder', { hasText: '跟进停滞商机' });
    await task.waitFor({ timeout: 15_000 });
    expect(await task.textContent()).toContain('推迟1天');
    await page.screenshot({ path: screenshot('sandbox-wecom-stalled-deal-task') });
    await page.close();
  });
});
