// 李娜's DingTalk 待办 on the sandbox page: one contract of 张伟's still waiting for her, one she
// approved, struck through under 已完成.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Crm, startCrm } from '../api/customers-support.js';
import { customerOf, draftContract, submit } from '../approvals/support.js';
import { hasBrowser, openBrowser, screenshot } from '../support/browser.js';
import { sandboxOf } from '../support/sandbox.js';
import { waitFor } from '../support/wait.js';

let crm: Crm;
let browser: BrowserContext;
beforeAll(async () => {
  if (!hasBrowser) return;
  crm = await startCrm();
  browser = await openBrowser({ width: 900, height: 760 });
});
afterAll(async () => {
  await browser?.close();
  await crm?.stop();
});

describe.skipIf(!hasBrowser)('the sandbox’s 钉钉待办 page (needs Debian chromium)', () => {
  test('李娜 sees the contract waiting for her, and the one she approved struck through', async () => {
    const zhangwei = await crm.as('张伟');
    const customer = await customerOf(crm, '张伟');
    const approved = await submit(zhangwei, (await draftContract(zhangwei, customer, 60_000_000)).id);
    const waiting = await submit(zhangwei, (await draftContract(zhangwei, customer, 12_345_600)).id);
    const lina = sandboxOf(crm.server).state.org.people.find((p) => p.name === '李娜')!;
    const mine = () => sandboxOf(crm.server).state.dingtalk.todos.of(lina.dingtalk.unionid);
    await waitFor(async () => (mine().length >= 2 ? true : undefined), 30_000, '李娜’s two 待办');
    const res = await (await crm.as('李娜')).send('POST', `/api/approvals/${approved}/approve`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await waitFor(async () => (mine().some((t) => t.done) ? true : undefined), 30_000, 'a done 待办');

    const page = await browser.newPage();
    await page.goto(`${crm.server.url}/sandbox/todos?user=${lina.dingtalk.userid}`);
    await expect(page.title()).resolves.toBe('钉钉待办 · 李娜');
    const open = page.locator('.todo:not(.todo--done)');
    const done = page.locator('.todo--done');
    expect(await open.count()).toBe(1);
    expect(await done.count()).toBe(1);
    expect(await open.locator('.subject').textContent()).toBe('审批：张伟 的合同 ¥123,456.00');
    expect(await done.locator('.subject').textContent()).toBe('审批：张伟 的合同 ¥600,000.00');
    expect(
      await page.evaluate(
        "getComputedStyle(document.querySelector('.todo--done .subject')).textDecorationLine",
      ),
    ).toBe('line-through');
    expect(await open.locator('a', { hasText: '打开' }).getAttribute('href')).toMatch(
      new RegExp(`/app/pages/approvals/detail\\?id=${waiting}$`),
    );
    await page.screenshot({ path: screenshot('sandbox-dingtalk-todos'), fullPage: true });
    await page.close();
  });
});
