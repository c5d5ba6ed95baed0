// A contract through its approval in the mini-app's h5 build, against the real server in sandbox
// mode: 张伟 finds his draft contract under the customer's 单据 (one tap from the 360° page), opens
// and edits it, adds a scan,
// and submits it (¥100,000: 李娜 alone approves it in the demo flow); 李娜 sees the count on 首页's
// 审批 tile, opens 待我审批 and the approval, and approves; 张伟 sees it approved under 我发起的 and
// the contract 已生效, and opens its approval from the contract. 徐明 previews the contract flow for
// ¥600,000 in the console and reads its earlier versions under the editor. Phone-size
// screenshots of every new page: test-results/screenshots/miniapp-approvals-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
let zhangwei: Page;

const tokenOf = (page: Page) =>
  page.evaluate(
    () =>
      (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data.token,
  );

async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${world.server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await tokenOf(page)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as T;
}

const shoot = async (page: Page, name: string) => {
  await settle(page);
  await page.screenshot({ path: screenshot(`miniapp-approvals-${name}`), fullPage: true });
};
const open = (page: Page, route: string) => page.goto(`${world.server.url}/app/#/pages/${route}`);
const button = (page: Page, text: string) =>
  page.locator('taro-button-core:visible', { hasText: text }).first();

describe.skipIf(!hasBrowser)('审批 and contracts in the mini-app (needs Debian chromium)', () => {
  test('张伟 finds his draft on the customer page, adds a scan and submits it for approval', async () => {
    zhangwei = await world.signIn('张伟');
    const customers = await api<{ items: { id: number; name: string }[] }>(
      zhangwei,
      'GET',
      '/api/customers?limit=1',
    );
    const customer = customers.items[0]!;
    await api(zhangwei, 'POST', '/api/contracts', {
      customerId: customer.id,
      number: 'HT-2026-088',
      name: '华北区域年度服务合同',
      amountCents: 10_000_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
    });

    await open(zhangwei, `customers/detail?id=${customer.id}`);
    await zhangwei.locator('.documents-link').click({ timeout: 15_000 });
    await expect.poll(() => zhangwei.url()).toContain(`#/pages/documents/index?customerId=${customer.id}`);
    const line = zhangwei.locator('.contract-line', { hasText: '华北区域年度服务合同' });
    await line.waitFor({ timeout: 15_000 });
    expect(await line.locator('.contract-chip').textContent()).toBe('草稿');
    await line.scrollIntoViewIfNeeded();
    await zhangwei.screenshot({ path: screenshot('miniapp-approvals-customer-contracts') });

    await line.click();
    await zhangwei.locator('.contract-head__amount', { hasText: '¥100,000.00' }).waitFor({ timeout: 15_000 });
    const chooser = zhangwei.waitForEvent('filechooser');
    await zhangwei.getByText('+ 上传附件').click();
    await (await chooser).setFiles({
      name: '华北区域年度服务合同-盖章页.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 scan'),
    });
    await zhangwei.locator('.attachment__name', { hasText: '盖章页.pdf' }).waitFor({ timeout: 15_000 });
    await shoot(zhangwei, 'contract-draft');

    await button(zhangwei, '修改').click();
    await zhangwei
      .locator('.contract-edit__customer', { hasText: customer.name })
      .waitFor({ timeout: 15_000 });
    const amount = zhangwei.locator('input[placeholder="如 600000"]');
    expect(await amount.inputValue()).toBe('100000');
    await amount.fill('');
    await button(zhangwei, '保存并提交审批').click();
    await zhangwei.getByText('请填写合同金额').waitFor();
    await shoot(zhangwei, 'contract-edit-refused');
    await amount.fill('100000');
    await button(zhangwei, '保存并提交审批').click();
    await zhangwei.locator('.contract-chip', { hasText: '审批中' }).waitFor({ timeout: 15_000 });
    await shoot(zhangwei, 'contract-pending');
  }, 120_000);

  test('李娜 sees one waiting on 首页, opens 待我审批 and approves the contract', async () => {
    const lina = await world.signIn('李娜');
    const tile = lina.locator('.home__shortcut', { hasText: '审批' });
    await tile.locator('.home__badge', { hasText: '1' }).waitFor({ timeout: 15_000 });
    await tile.click();
    const row = lina.locator('.approval-row', { hasText: 'HT-2026-088' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('.approval-status').textContent()).toBe('等待「销售主管审批」');
    await shoot(lina, 'inbox');

    await row.click();
    await lina.locator('.approval-fact__value', { hasText: '¥100,000.00' }).waitFor({ timeout: 15_000 });
    expect(await lina.locator('.approval-head__progress').textContent()).toBe('0/1 · 等待 李娜');
    await shoot(lina, 'detail-pending');

    await button(lina, '驳回').click();
    await lina.getByText('确认驳回').waitFor();
    await shoot(lina, 'reject-sheet');
    await lina.locator('.nut-popup-title-right, .nut-popup__close-icon').first().click();

    await button(lina, '同意').click();
    await lina.locator('.approval-status', { hasText: '已通过' }).waitFor({ timeout: 15_000 });
    expect(await lina.locator('.approval-head__progress').textContent()).toBe('李娜 同意 · 已通过');
    expect(await lina.locator('.decision-bar').count()).toBe(0);
    await shoot(lina, 'detail-approved');
  }, 120_000);

  test('张伟 sees it approved under 我发起的, and the contract is 已生效', async () => {
    await open(zhangwei, 'approvals/index');
    await zhangwei.locator('.k-tab', { hasText: '我发起的' }).click({ timeout: 15_000 });
    const row = zhangwei.locator('.approval-row', { hasText: 'HT-2026-088' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('.approval-status').textContent()).toBe('已通过');
    await shoot(zhangwei, 'mine');

    await row.click();
    await zhangwei.getByText('查看合同 ›').click({ timeout: 15_000 });
    await zhangwei.locator('.contract-chip', { hasText: '已生效' }).waitFor({ timeout: 15_000 });
    await shoot(zhangwei, 'contract-active');
    // Back to its approval from the contract: the run 李娜 approved.
    await zhangwei.locator('.contract-link', { hasText: '审批' }).click();
    await expect.poll(() => zhangwei.url()).toContain('#/pages/approvals/detail?id=');
    await zhangwei
      .locator('.approval-head__progress:visible', { hasText: '李娜 同意 · 已通过' })
      .waitFor({ timeout: 15_000 });
    await zhangwei.goBack();
    await button(zhangwei, '终止合同').click();
    await zhangwei.getByText('确认终止').waitFor();
    await shoot(zhangwei, 'terminate-sheet');
  }, 120_000);

  test('徐明 previews the contract flow: ¥600,000 from 张伟 goes to 李娜, finance, then 王建国', async () => {
    const xuming = await world.signIn('徐明');
    await open(xuming, 'admin/approval-flows');
    await xuming.locator('.admin-row', { hasText: '合同' }).click({ timeout: 15_000 });
    await xuming.getByText('预览审批路径').waitFor({ timeout: 15_000 });
    await xuming.locator('.flow-preview .admin-chip', { hasText: '张伟' }).click();
    await button(xuming, '预览').click();
    const names = xuming.locator('.flow-preview__name');
    await names.first().waitFor({ timeout: 15_000 });
    expect(await names.allTextContents()).toEqual(['销售主管审批', '财务审批 · 或签', '总经理审批']);
    const who = await xuming.locator('.flow-preview__who').allTextContents();
    expect(who[0]).toBe('李娜');
    expect(who[2]).toBe('王建国');
    await shoot(xuming, 'flow-editor');

    // 历史版本 under the editor: the demo's version 1, then a version 2 saved here on top of it.
    const versions = xuming.locator('.flow-version');
    await versions.first().waitFor({ timeout: 15_000 });
    expect(await versions.count()).toBe(1);
    await xuming.locator('.flow-editor input').first().fill('合同审批（2027 版）');
    await button(xuming, '保存为新版本').click();
    await expect.poll(() => versions.count(), { timeout: 15_000 }).toBe(2);
    expect(await xuming.locator('.flow-version__name').allTextContents()).toEqual([
      '第 2 版 · 合同审批（2027 版）',
      expect.stringMatching(/^第 1 版 · /),
    ]);
    expect(await versions.first().locator('.admin-badge').textContent()).toBe('当前');
    // The toast gone (the picture below wants the card alone), version 1 opened: its steps.
    await xuming.getByText('已保存', { exact: true }).waitFor({ state: 'hidden' });
    await settle(xuming);
    await versions.nth(1).locator('.flow-version__name').click();
    const steps = versions.nth(1).locator('.flow-version__step');
    await steps.first().waitFor({ timeout: 15_000 });
    expect((await steps.allTextContents()).join('\n')).toContain('审批「总经理审批」：王建国');
    // The console scrolls inside the app, not the window: the card's own picture.
    await versions.nth(1).scrollIntoViewIfNeeded();
    await settle(xuming);
    await xuming
      .locator('.flow-versions')
      .screenshot({ path: screenshot('miniapp-approvals-flow-versions') });
  }, 120_000);
});
