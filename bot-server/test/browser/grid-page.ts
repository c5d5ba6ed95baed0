// What the grid browser tests share (besides the world's signIn and settle): the grid's rows and
// cells as the person sees them.
import type { Page } from 'playwright-core';

export const rows = (page: Page) => page.locator('.k-grid__table > .k-grid__row');

export const cell = (page: Page, row: number, column: string) =>
  rows(page).nth(row).locator(`.k-grid__td[data-column="${column}"]`);
