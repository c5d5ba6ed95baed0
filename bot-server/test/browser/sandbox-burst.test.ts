// A burst of 20 web-form leads for 华北销售部 as people see it on /sandbox: 张伟's WeCom chat with
// the bot fills with the lead cards (his own copies), and the team's DingTalk group gets one card
// per lead. Screenshots land in test-results/screenshots (pipeline-burst-*.png).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { formLeads, postLead } from '../pipeline/support.js';
import { hasBrowser, openBrowser, screenshot } from '../support/browser.js';
import { type RunningServer, startTestServer } from '../support/server.js';

let server: RunningServer;
let browser: BrowserContext;
beforeAll(async () => {
  if (!hasBrowser) return;
  await resetDatabase(testDbUrl());
  server = await startTestServer();
  browser = await openBrowser({ width: 1280, height: 1000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const leads = formLeads('北京云帆', 20);

/** The burst's cards on the page, in the chat that is open. */
const burstCards = (page: Page) => page.locator('.card-holder', { hasText: '北京云帆' });

describe.skipIf(!hasBrowser)('a burst of lead cards on the sandbox page (needs Debian chromium)', () => {
  test('20 leads at once: 张伟 sees 20 cards in WeCom, the 华北销售部 DingTalk group 20 cards', {
    timeout: 90_000,
  }, async () => {
    const wecom = await browser.newPage();
    await wecom.goto(`${server.url}/sandbox`);
    await expect.poll(() => wecom.locator('#who').inputValue(), { timeout: 15_000 }).toBe('ZhangWei');
    const dingtalk = await browser.newPage();
    await dingtalk.goto(`${server.url}/sandbox`);
    await dingtalk.click('.platforms button[data-platform="dingtalk"]');
    await expect.poll(() => dingtalk.locator('#who').inputValue(), { timeout: 15_000 }).toBe('0100102');
    await dingtalk.locator('#chat-list li', { hasText: '华北销售部群' }).click();

    await Promise.all(leads.map((lead) => postLead(server, lead)));

    for (const page of [wecom, dingtalk]) {
      await expect.poll(() => burstCards(page).count(), { timeout: 60_000 }).toBe(20);
      const shown = await burstCards(page).allTextContents();
      // One card per lead, each showing its company and that it waits to be claimed.
      expect(leads.map((l) => shown.filter((s) => s.includes(l.company)).length)).toEqual(leads.map(() => 1));
      expect(shown.every((s) => s.includes('认领'))).toBe(true);
      await burstCards(page).last().scrollIntoViewIfNeeded();
    }
    await wecom.screenshot({ path: screenshot('pipeline-burst-wecom-zhangwei') });
    await dingtalk.screenshot({ path: screenshot('pipeline-burst-dingtalk-group') });
    await wecom.close();
    await dingtalk.close();
  });
});
