// 张伟 searches his customers in the mini-app's h5 build by what is not in their names: a contact's
// initials (zw → 赵文博) and initials from inside a name (xh → 北京星河); each row says why it came
// up. Phone-size screenshots land in test-results/screenshots.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld } from './miniapp-world.js';

const world = miniappWorld();
let page: Page;

beforeAll(async () => {
  if (hasBrowser) page = await world.page(await world.phone());
});

async function settle() {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

describe.skipIf(!hasBrowser)('why a customer matched, in the mini-app (needs Debian chromium)', () => {
  test('a contact’s initials and initials inside a name find customers, each saying why', async () => {
    await page.goto(`${world.server.url}/app/`);
    await page.locator('.picker__user', { hasText: '张伟' }).first().click({ timeout: 20_000 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
    const token = await page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data
          .token,
    );
    for (const body of [
      {
        kind: 'company',
        name: '锦程精密机械（廊坊）有限公司',
        contacts: [{ name: '赵文博', primary: true }],
      },
      { kind: 'company', name: '北京星河测绘有限公司' },
    ]) {
      const res = await fetch(`${world.server.url}/api/customers`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }

    await page.goto(`${world.server.url}/app/#/pages/customers/index`);
    await page.locator('.customer-row').first().waitFor({ timeout: 15_000 });
    await page.locator('.customers__search input').fill('zw');
    const jincheng = page.locator('.customer-row', { hasText: '锦程精密机械（廊坊）有限公司' });
    await jincheng
      .locator('.customer-row__matched', { hasText: '匹配：联系人 赵文博' })
      .waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customers-search-reason') });

    await page.locator('.customers__search input').fill('xh');
    const xinghe = page.locator('.customer-row', { hasText: '北京星河测绘有限公司' });
    await xinghe
      .locator('.customer-row__matched', { hasText: '匹配：拼音 星河' })
      .waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customers-search-inner-initials') });
  });
});
