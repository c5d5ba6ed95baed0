// A person in front of /sandbox: picks who they are, types to the bot, and reads the answer, on
// both platforms. Screenshots land in test-results/screenshots.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { hasBrowser, openBrowser, screenshot } from '../support/browser.js';
import { sandboxOf } from '../support/sandbox.js';
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

describe.skipIf(!hasBrowser)('the sandbox page (needs Debian chromium)', () => {
  test('a demo sales rep types 帮助 to the bot in WeCom and sees the answer', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox`);
    await expect.poll(() => page.locator('#who').inputValue()).toBe('ZhangWei');
    await page.fill('#text', '帮助');
    await page.press('#text', 'Enter');
    const answer = page.locator('.message:not(.mine) .bubble', { hasText: '张伟，你好' });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.textContent()).toContain('查看客联机器人能做什么');
    await expect.poll(() => page.locator('.message.mine .bubble').textContent()).toBe('帮助');
    await page.screenshot({ path: screenshot('sandbox-wecom-help') });
    await page.close();
  });

  test('a message shows its time on Beijing clocks (TZ_DISPLAY), not the server’s UTC', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox`);
    await expect.poll(() => page.locator('#who').inputValue()).toBe('ZhangWei');
    await page.fill('#text', '我');
    await page.press('#text', 'Enter');
    const mine = page.locator('.message.mine', { hasText: '我' }).last();
    await mine.waitFor({ timeout: 15_000 });
    await page.locator('.message:not(.mine) .bubble', { hasText: '华北销售部' }).last().waitFor();
    const sent = sandboxOf(server)
      .state.messages.list({ platform: 'wecom', user: 'ZhangWei' })
      .findLast((m) => m.direction === 'in');
    const beijing = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(sent!.at));
    expect(await mine.locator('.meta').textContent()).toBe(`张伟 · ${beijing}`);
    await page.screenshot({ path: screenshot('sandbox-beijing-time') });
    await page.close();
  });

  test('the same person in DingTalk asks 我 and sees their department and role', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox`);
    await page.click('.platforms button[data-platform="dingtalk"]');
    await expect.poll(() => page.locator('#who').inputValue()).toBe('0100102');
    await expect
      .poll(() => page.locator('#chat-list li').allInnerTexts())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('工作通知'),
          expect.stringContaining('华北销售部群'),
        ]),
      );
    await page.fill('#text', '我');
    await page.click('.composer button');
    const answer = page.locator('.message:not(.mine) .bubble', { hasText: '华北销售部' });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.textContent()).toContain('销售（数据范围：本人）');
    await page.screenshot({ path: screenshot('sandbox-dingtalk-whoami') });
    await page.close();
  });

  test('a lead card arrives in the team chat, and 认领 clicked on the page updates it', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox`);
    await expect.poll(() => page.locator('#who').inputValue()).toBe('ZhangWei');
    await page.fill('#text', '新线索 北京云图数据 周敏 13912345678 北京 展会');
    await page.press('#text', 'Enter');
    const card = page.locator('.card-holder', { hasText: '北京云图数据' });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain('139****5678');
    await page.screenshot({ path: screenshot('sandbox-wecom-lead-card') });
    await card.locator('button', { hasText: '认领' }).click();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('已被 张伟 认领');
    await page.screenshot({ path: screenshot('sandbox-wecom-lead-claimed') });

    // The same card in the DingTalk team group shows the claim too.
    await page.click('.platforms button[data-platform="dingtalk"]');
    await page.locator('#chat-list li', { hasText: '华北销售部群' }).click();
    const groupCard = page.locator('.card-holder', { hasText: '北京云图数据' });
    await expect.poll(() => groupCard.textContent(), { timeout: 15_000 }).toContain('已被 张伟 认领');
    await page.screenshot({ path: screenshot('sandbox-dingtalk-lead-claimed') });
    await page.close();
  });

  test('switching person while the last person’s chat is still loading shows the new person’s whole chat', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox`);
    await expect.poll(() => page.locator('#who').inputValue()).toBe('ZhangWei');
    // 李娜 speaks first, then 张伟: his messages come after hers.
    await page.selectOption('#who', 'LiNa');
    await page.fill('#text', '我');
    await page.press('#text', 'Enter');
    const hers = page.locator('.message:not(.mine) .bubble', { hasText: '李娜' });
    await hers.first().waitFor({ timeout: 15_000 });
    await page.selectOption('#who', 'ZhangWei');
    await page.fill('#text', '帮助');
    await page.press('#text', 'Enter');
    await page.locator('.message:not(.mine) .bubble', { hasText: '张伟，你好' }).waitFor({ timeout: 15_000 });

    // A slow network: 张伟's poll is answered only after the switch to 李娜 has begun, and her chat
    // list takes longer still.
    const slow = (ms: number) => async (route: import('playwright-core').Route) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue().catch(() => undefined);
    };
    await page.route(/\/timeline\?.*user=ZhangWei/, slow(800));
    await page.route(/\/chats\?.*user=LiNa/, slow(1600));
    await page.waitForRequest(/\/timeline\?.*user=ZhangWei/);
    await page.selectOption('#who', 'LiNa');

    await hers.first().waitFor({ timeout: 15_000 });
    expect(await page.locator('#messages').textContent()).not.toContain('张伟，你好');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.close();
  });

  test('the card gallery shows every card state as WeCom and as DingTalk show them', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sandbox/cards`);
    const { cardSamples } = await import('@kelian/cards');
    await expect.poll(() => page.locator('article.sample').count()).toBe(cardSamples.length);
    // Each sample shows both clients' renderings, with their buttons.
    expect(await page.locator('article.sample').first().locator('button').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshot('card-gallery'), fullPage: true });
    await page.close();
  });
});
