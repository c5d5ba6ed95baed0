// Kelian's WeCom chat sidebar in the mini-app's h5 build against the real server in sandbox mode:
// 张伟, not yet signed in, opens it beside a customer's WeChat chat on the sandbox page; the sidebar
// sends him to log in and brings him back to itself, showing that customer (or offering to create
// it). Screenshots land in test-results/screenshots.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld } from './miniapp-world.js';

const world = miniappWorld();
let context: BrowserContext;
let token: string;

beforeAll(async () => {
  if (hasBrowser) context = await world.phone();
});

const newPage = () => world.page(context);

/** The API as 张伟, with the token his browser session holds. */
async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${world.server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

interface Customer {
  id: number;
  name: string;
}

describe.skipIf(!hasBrowser)('the chat sidebar (needs Debian chromium)', () => {
  test('in the sandbox WeCom, the sidebar beside a customer’s WeChat chat signs 张伟 in and shows that customer', async () => {
    const desk = await newPage();
    await desk.setViewportSize({ width: 1280, height: 860 });
    const { chats } = (await (
      await fetch(`${world.server.url}/sandbox/page/api/chats?platform=wecom&user=ZhangWei`)
    ).json()) as { chats: { id: string; name: string; kind: string }[] };
    const chat = chats.find((c) => c.kind === 'external' && c.name === '张先生')!;

    await desk.goto(`${world.server.url}/sandbox`);
    await desk.selectOption('#who', 'ZhangWei');
    await desk.locator('#chat-list li', { hasText: '张先生' }).click();
    await desk.locator('#toolbar-sidebar').click();
    const sidebar = desk.frameLocator('#sidebar iframe');

    // Not signed in yet: the sidebar sends him to log in, inside its frame, and takes him back.
    const picker = sidebar.locator('.picker__user', { hasText: '张伟' }).first();
    await picker.waitFor({ timeout: 20_000 });
    await settle(desk);
    await desk.screenshot({ path: screenshot('sandbox-sidebar-login') });
    await picker.click();
    await sidebar.locator('.sidebar').waitFor({ timeout: 15_000 });
    token = await desk.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data
          .token,
    );

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
    await alone.goto(`${world.server.url}/app/#/pages/sidebar/index`);
    await alone.getByText('在与客户的聊天中使用').waitFor({ timeout: 15_000 });
    await settle(alone);
    await alone.screenshot({ path: screenshot('miniapp-sidebar-outside-chat') });
    await alone.close();
  }, 90_000);
});
