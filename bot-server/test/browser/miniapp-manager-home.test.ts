// 李娜, the manager of 华北销售部, opens the mini-app's h5 build on a phone: 首页 shows her team's
// month against the team target /api/targets holds (not ¥0 and 本月未设目标), and her own below.
// The phone-size screenshot lands in test-results/screenshots/miniapp-manager-home.png.
import { describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld } from './miniapp-world.js';

const world = miniappWorld();

/** ¥1,234,567 from cents, as the pages write it. */
const yuan = (cents: number) =>
  `¥${Math.floor(cents / 100).toLocaleString('en-US')}${cents % 100 ? `.${String(cents % 100).padStart(2, '0')}` : ''}`;

interface Target {
  department: { name: string } | null;
  amountCents: number;
  achievedCents: number;
}

describe.skipIf(!hasBrowser)('a manager’s 首页 (needs Debian chromium)', () => {
  test('李娜 sees 华北销售部’s won amount against its target, its counts, and her own line', async () => {
    const page = await world.page(await world.phone());
    await page.goto(`${world.server.url}/app/`);
    await page.locator('.picker__user', { hasText: '李娜' }).first().click({ timeout: 20_000 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
    const token = await page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data
          .token,
    );
    const res = await fetch(`${world.server.url}/api/targets`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const team = ((await res.json()) as { items: Target[] }).items.find(
      (t) => t.department?.name === '华北销售部',
    )!;

    const card = page.locator('.home-figures');
    await card
      .locator('.home-figures__amount', { hasText: yuan(team.achievedCents) })
      .waitFor({ timeout: 15_000 });
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('华北销售部 · 团队赢单');
    expect(text).toContain(`目标 ${yuan(team.amountCents)}`);
    expect(text).not.toContain('本月未设目标');
    expect(await card.locator('.home-figures__count').nth(2).textContent()).not.toBe('0进行中商机');
    await card.locator('.home-figures__mine', { hasText: '我的' }).waitFor();
    await page.locator('.home-tasks').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshot('miniapp-manager-home'), fullPage: true });
  });
});
