// What the grid browser tests share: signing in from the sandbox's user picker on a phone-sized
// window (then widened as a test needs), waiting for the page to settle, and the grid's rows and
// cells as the person sees them.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { miniappWorld } from './miniapp-world.js';

export async function signIn(world: ReturnType<typeof miniappWorld>, name: string): Promise<Page> {
  const page = await world.page(await world.phone());
  await page.goto(`${world.server.url}/app/`);
  await page.locator('.picker__user', { hasText: name }).first().click({ timeout: 20_000 });
  await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
  return page;
}

export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

export const rows = (page: Page) => page.locator('.k-grid__table > .k-grid__row');

export const cell = (page: Page, row: number, column: string) =>
  rows(page).nth(row).locator(`.k-grid__td[data-column="${column}"]`);
