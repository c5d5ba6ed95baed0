// 张伟, a sales rep, works his customers in the mini-app's h5 build against the real server in
// sandbox mode: finds a customer by the initials of its pinyin, opens the 360° page, records a
// follow-up (the server's field error first), opens a card's deep link, and in the sandbox's WeCom
// opens Kelian's chat sidebar beside a customer's WeChat chat. Phone-size screenshots of every page
// land in test-results/screenshots.
import { normalizeSearchText } from '@kelian/orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { ensureH5Build } from '../../../miniapp/scripts/h5-build.mjs';
import { readingsOf } from '../../../orm/src/search/pinyin.js';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { hasBrowser, iphoneUserAgent, launchBrowser, phone, screenshot } from '../support/browser.js';
import { type RunningServer, startTestServer } from '../support/server.js';

const iphone = iphoneUserAgent;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let token: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  ensureH5Build();
  await resetDatabase(inject('dbUrl'));
  server = await startTestServer();
  browser = await launchBrowser();
  context = await browser.newContext({ ...phone, userAgent: iphone, locale: 'zh-CN' });
}, 240_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** The API as 张伟, with the token his browser session holds. */
async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

const textOf = async (page: Page) => (await page.locator('body').textContent()) ?? '';

interface Customer {
  id: number;
  name: string;
}

describe.skipIf(!hasBrowser)('customers in the mini-app (needs Debian chromium)', () => {
  test('张伟 finds a customer by pinyin initials, opens it, and records a follow-up that tops the timeline', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/app/`);
    await page.locator('.picker__user', { hasText: '张伟' }).first().click({ timeout: 20_000 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
    token = await page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data
          .token,
    );

    // The 客户 tab: his customers, newest activity first.
    await page.locator('.weui-tabbar__label, .taro-tabbar__label', { hasText: '客户' }).first().click();
    await expect.poll(() => page.url()).toContain('#/pages/customers/index');
    await page.locator('.customer-row').first().waitFor({ timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-customers-list') });

    // A customer of his, found by the initials of its name's pinyin (星河智能 → xhzn).
    const { body: mine } = await api<{ items: Customer[] }>('/api/customers?owner=me&limit=5');
    const customer = mine.items.at(-1)!;
    const initials = readingsOf(normalizeSearchText(customer.name), false)[0]!.initials;
    await page.locator('.customers__search input').fill(initials);
    const row = page.locator('.customer-row', { hasText: customer.name });
    await row.waitFor({ timeout: 15_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-customers-search-initials') });

    // The filter sheet offers the tags of the customers shown.
    await page.locator('.customers__filter').click();
    await page.getByText('查看结果').waitFor();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-customers-filter') });
    await page.locator('.nut-popup-title-right, .nut-popup-close').first().click();

    await row.click();
    await expect.poll(() => page.url()).toContain(`#/pages/customers/detail?id=${customer.id}`);
    await page.locator('.profile__name', { hasText: customer.name }).waitFor({ timeout: 15_000 });
    expect(await textOf(page)).toContain('负责人：张伟');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-customer-detail'), fullPage: true });

    // 写跟进 without content: the server's error shows at the content field, nothing is saved.
    await page.locator('.profile__action--primary').click();
    const form = page.locator('.follow-up-form');
    await form.waitFor();
    await form.getByText('拜访', { exact: true }).click();
    await form.locator('.follow-up-form__save').click();
    await form.locator('.k-field-error', { hasText: '请填写跟进内容' }).waitFor({ timeout: 10_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-follow-up-field-error') });

    const content = `上门拜访，客户关注交付周期（${Date.now()}）`;
    await form.locator('textarea').fill(content);
    await form.locator('input').first().fill('周五前发送报价单');
    await form.locator('.k-input', { hasText: '选择日期' }).click();
    await page.getByText('确定', { exact: true }).last().click();
    await form.locator('.k-input', { hasText: '到期当天 9:00 提醒' }).waitFor();
    await form.locator('.follow-up-form__save').click();

    const first = page.locator('.timeline__item').first();
    await first.locator('.timeline__text', { hasText: content }).waitFor({ timeout: 15_000 });
    expect(await first.textContent()).toContain('周五前发送报价单');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-customer-timeline'), fullPage: true });

    // What the server kept: the follow-up with its next step, newest first.
    const { body: view } = await api<{ timeline: { content: string; nextStep: string; nextAt: string }[] }>(
      `/api/customers/${customer.id}`,
    );
    expect(view.timeline[0]).toMatchObject({ content, nextStep: '周五前发送报价单' });
    expect(view.timeline[0]?.nextAt).toMatch(/T01:00:00/);

    // A card's 打开客户 link: the server hands the path to the h5 hash route.
    await page.goto(`${server.url}/app/pages/customers/detail?id=${customer.id}`);
    await expect.poll(() => page.url()).toBe(`${server.url}/app/#/pages/customers/detail?id=${customer.id}`);
    await page.locator('.profile__name', { hasText: customer.name }).waitFor({ timeout: 15_000 });

    // 新建客户 without a name: the server's error under the name field.
    await page.goto(`${server.url}/app/#/pages/customers/edit`);
    await page.locator('.nut-button', { hasText: '创建客户' }).click({ timeout: 15_000 });
    await page.locator('.k-field-error', { hasText: '请填写客户名称' }).waitFor({ timeout: 10_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-customer-create-field-error'), fullPage: true });
    await page.close();
  }, 120_000);

  test('in the sandbox WeCom, the chat sidebar beside a customer’s WeChat chat shows that customer', async () => {
    const desk = await newPage();
    await desk.setViewportSize({ width: 1280, height: 860 });
    const { chats } = (await (
      await fetch(`${server.url}/sandbox/page/api/chats?platform=wecom&user=ZhangWei`)
    ).json()) as { chats: { id: string; name: string; kind: string }[] };
    const chat = chats.find((c) => c.kind === 'external' && c.name === '张先生')!;

    await desk.goto(`${server.url}/sandbox`);
    await desk.selectOption('#who', 'ZhangWei');
    await desk.locator('#chat-list li', { hasText: '张先生' }).click();
    await desk.locator('#toolbar-sidebar').click();
    const sidebar = desk.frameLocator('#sidebar iframe');

    // Nobody has linked this WeChat account to a customer yet, unless the demo data did.
    const before = await api<Customer>(`/api/customers/by-external/${chat.id}`);
    if (before.status === 404) {
      await sidebar.getByText('这位微信客户还没有建档').waitFor({ timeout: 20_000 });
      await settle(desk);
      await desk.screenshot({ path: screenshot('sandbox-sidebar-not-linked') });
      await sidebar.locator('.nut-button', { hasText: '为他建立客户档案' }).click();
    }
    const linked = await api<Customer>(`/api/customers/by-external/${chat.id}`);
    expect(linked.status).toBe(200);
    await sidebar.locator('.profile__name', { hasText: linked.body.name }).waitFor({ timeout: 20_000 });
    await settle(desk);
    await desk.screenshot({ path: screenshot('sandbox-sidebar-customer') });
    await desk.close();

    // The sidebar page itself at phone size, and outside any chat it says where it belongs.
    const alone = await newPage();
    await alone.goto(`${server.url}/app/#/pages/sidebar/index`);
    await alone.getByText('在与客户的聊天中使用').waitFor({ timeout: 15_000 });
    await settle(alone);
    await alone.screenshot({ path: screenshot('miniapp-sidebar-outside-chat') });
    await alone.close();
  }, 90_000);
});
