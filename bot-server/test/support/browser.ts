import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

// Debian's Chromium, never a browser downloaded by a tool. CI installs it (.ci/run) and must not
// skip browser tests; a developer machine without it skips them with a reason.
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!executablePath && process.env.CI) throw new Error('CI needs Debian chromium for the browser tests');
export const hasBrowser = executablePath !== undefined;

/** Where screenshots are kept for people to look at (a CI artifact). */
export const screenshotDir = resolve(import.meta.dirname, '../../../test-results/screenshots');

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kelian-chromium-')), {
    executablePath,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const screenshot = (name: string) => join(screenshotDir, `${name}.png`);
