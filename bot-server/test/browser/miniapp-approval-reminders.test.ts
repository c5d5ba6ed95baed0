// 催办 and 超时转交 where people see them: the reminder card in the card gallery (/sandbox/cards), as
// WeCom and DingTalk show it; 徐明 setting a flow's hours in the console's 审批流程 editor, refused
// in the server's words when the hand-over comes before the reminder, then saved; 张伟 pressing
// 催办 on his approval's page, the second press within the hour refused. Screenshots:
// test-results/screenshots/approval-reminders-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();

const shoot = async (page: Page, name: string) => {
  await settle(page);
  await page.screenshot({ path: screenshot(`approval-reminders-${name}`), fullPage: true });
};
const open = (page: Page, route: string) => page.goto(`${world.server.url}/app/#/pages/${route}`);
const button = (page: Page, text: string) =>
  page.locator('taro-button-core:visible', { hasText: text }).first();

describe.skipIf(!hasBrowser)('催办 and 超时转交 (needs Debian chromium)', () => {
  test('the reminder card in the gallery, on WeCom and DingTalk', async () => {
    const page = await world.page(await world.desktop());
    await page.goto(`${world.server.url}/sandbox/cards`);
    const sample = page.locator('article#approval-contract-reminder');
    await sample.waitFor({ timeout: 15_000 });
    const text = await sample.textContent();
    expect(text).toContain('催办：张伟 的合同 ¥600,000.00 已等待 26 小时');
    for (const action of ['同意', '驳回', '打开']) expect(text).toContain(action);
    await sample.screenshot({ path: screenshot('approval-reminders-card') });
  });

  test('徐明 sets the contract flow’s hours: a hand-over before the reminder is refused, 72 is saved', async () => {
    const xuming = await world.signIn('徐明');
    await open(xuming, 'admin/approval-flows');
    await xuming.locator('.admin-row', { hasText: '合同' }).click({ timeout: 15_000 });
    const hours = xuming.locator('.flow-timers__hours input');
    await hours.first().waitFor({ timeout: 15_000 });
    expect(await hours.nth(0).inputValue()).toBe('24');
    expect(await hours.nth(1).inputValue()).toBe('48');
    await hours.nth(1).fill('12');
    await button(xuming, '检查').click();
    await xuming
      .getByText('超时转交时间应为 1 到 720 之间的整数小时，且要晚于催办时间 24 小时（收到的是 12）')
      .waitFor({ timeout: 15_000 });
    await shoot(xuming, 'flow-editor-refused');
    await hours.nth(1).fill('72');
    await button(xuming, '保存为新版本').click();
    // The editor opens the saved version.
    await xuming.getByText('合同审批流程 · 当前第 2 版').waitFor({ timeout: 15_000 });
    expect(await hours.nth(0).inputValue()).toBe('24');
    expect(await hours.nth(1).inputValue()).toBe('72');
    await shoot(xuming, 'flow-editor');
  }, 120_000);

  test('张伟 presses 催办 on his approval: 李娜 is reminded; a second press within the hour is refused', async () => {
    const zhangwei = await world.signIn('张伟');
    const token = await zhangwei.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data
          .token,
    );
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${world.server.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return (await res.json()) as { id: number; approvalId: number };
    };
    const customers = (await (
      await fetch(`${world.server.url}/api/customers?limit=1&owner=me`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { items: { id: number }[] };
    const draft = await call('POST', '/api/contracts', {
      customerId: customers.items[0]!.id,
      number: 'HT-2026-CUIBAN',
      name: '年度框架合同',
      amountCents: 30_000_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
    });
    const { approvalId } = await call('POST', `/api/contracts/${draft.id}/submit`, {});
    await open(zhangwei, `approvals/detail?id=${approvalId}`);
    await button(zhangwei, '催办').click({ timeout: 15_000 });
    await zhangwei.getByText('已催办，审批人会在聊天里收到提醒').waitFor({ timeout: 15_000 });
    await zhangwei.locator('.approval-log__what', { hasText: '张伟 催办' }).waitFor({ timeout: 15_000 });
    await shoot(zhangwei, 'detail');
    await button(zhangwei, '催办').click();
    await zhangwei.getByText(/^已催办过，每个审批人 1 小时内只能催办一次/).waitFor({ timeout: 15_000 });
  }, 120_000);
});
