// The world of the mini-app's browser tests: the current h5 build, served by the real server in
// sandbox mode on a fresh test database, and Debian's Chromium playing phones whose uncaught page
// errors fail the test. Call miniappWorld() at the top of a test file: it registers the hooks.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ensureH5Build } from '../../../miniapp/scripts/h5-build.mjs';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { hasBrowser, iphoneUserAgent, launchBrowser, phone } from '../support/browser.js';
import { type RunningServer, startTestServer } from '../support/server.js';

/** `env`: the server's settings beyond the test defaults (e.g. a company going live without demo data). */
export function miniappWorld(env: Record<string, string> = {}) {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasBrowser) return;
    // The page under test is the build the server serves; bring it up to date with the sources.
    ensureH5Build();
    await resetDatabase(testDbUrl());
    server = await startTestServer(env);
    browser = await launchBrowser();
  }, 240_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      return server;
    },
    /** A phone (390×844 @2x, Chinese, on Beijing time) with this user agent. */
    async phone(userAgent = iphoneUserAgent): Promise<BrowserContext> {
      const context = await browser.newContext({
        ...phone,
        userAgent,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      return context;
    },
    /** A desktop client's window (1280×800, mouse and keyboard), Chinese, on Beijing time. */
    async desktop(): Promise<BrowserContext> {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      return context;
    },
    async page(context: BrowserContext): Promise<Page> {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return page;
    },
    /**
     * `name` picks themself from the sandbox's demo users and lands on 首页: in `page`, or in a new
     * phone's page.
     */
    async signIn(name: string, page?: Page): Promise<Page> {
      const signedIn = page ?? (await this.page(await this.phone()));
      await signedIn.goto(`${server.url}/app/`);
      await signedIn.locator('.picker__user', { hasText: name }).first().click({ timeout: 20_000 });
      await expect.poll(() => signedIn.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
      return signedIn;
    },
  };
}

/** Quiet, toasts gone, every scrolled box back at its top: ready for a screenshot. */
export async function settle(page: Page, quietMs = 300): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect
    .poll(() => page.locator('.taro__toast:visible, .nut-toast:visible').count(), { timeout: 5000 })
    .toBe(0);
  // A string: the server's TypeScript has no DOM types.
  await page.evaluate("for (const box of document.querySelectorAll('*')) box.scrollTop = 0");
  await page.waitForTimeout(quietMs);
}
