import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

// Debian's Chromium, never a browser downloaded by a tool. CI installs it (.ci/run) and must not
// skip browser tests; a developer machine without it skips them with a reason.
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!executablePath && process.env.CI) throw new Error('CI needs Debian chromium for the browser tests');
export const hasBrowser = executablePath !== undefined;

/** Where screenshots are kept for people to look at (a CI artifact). */
export const screenshotDir = resolve(import.meta.dirname, '../../../test-results/screenshots');

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone as the mini-app's h5 pages are designed for (iPhone 14 size). */
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const iphoneUserAgent =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

/** Debian's Chromium, headless, for tests that open several contexts (one per person or client). */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs });
}

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kelian-chromium-')), {
    executablePath,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: chromiumArgs,
  });
}

export const screenshot = (name: string) => join(screenshotDir, `${name}.png`);
