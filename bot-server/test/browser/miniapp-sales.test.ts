// 张伟, a sales rep, works his pipeline in the mini-app's h5 build against the real server in
// sandbox mode: claims a lead from the pool (created through the API first), moves a deal to the
// next stage on the 商机 board, completes a task in 待办, and reads his month on 首页. Phone-size
// screenshots of every page land in test-results/screenshots.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import { ensureH5Build } from '../../../miniapp/scripts/h5-build.mjs';
import { resetDatabase } from '../../../orm/testing/reset.js';
import { hasBrowser, iphoneUserAgent, launchBrowser, phone, screenshot } from '../support/browser.js';
import { type RunningServer, startTestServer } from '../support/server.js';

const iphone = iphoneUserAgent;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  ensureH5Build();
  await resetDatabase(inject('dbUrl'));
  server = await startTestServer();
  browser = await launchBrowser();
  context = await browser.newContext({ ...phone, userAgent: iphone, locale: 'zh-CN' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** The API as 张伟, with the token his browser session holds. */
async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function settle() {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

const tab = (name: string) =>
  page.locator('.weui-tabbar__label, .taro-tabbar__label', { hasText: name }).first();

/** ¥1,234,567 from cents, as the pages write it. */
const yuan = (cents: number) =>
  `¥${Math.floor(cents / 100).toLocaleString('en-US')}${cents % 100 ? `.${String(cents % 100).padStart(2, '0')}` : ''}`;

interface Lead {
  id: number;
  company: string;
  status: string;
  owner: { id: number; name: string } | null;
  claimable: boolean;
}
interface Stage {
  id: number;
  name: string;
  position: number;
  outcome: string;
}
interface Deal {
  id: number;
  name: string;
  stage: Stage;
  owner: { id: number; name: string } | null;
  editable: boolean;
}
interface Task {
  id: number;
  title: string;
  status: string;
}

describe.skipIf(!hasBrowser)('sales in the mini-app (needs Debian chromium)', () => {
  test('张伟 signs in; 首页 shows his month against the target and his tasks for today', async () => {
    await page.goto(`${server.url}/app/`);
    await page.locator('.picker__user', { hasText: '张伟' }).first().click({ timeout: 20_000 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
    token = await page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data: { token: string } }).data
          .token,
    );
    const { body: figures } = await api<{ wonCents: number; targetCents: number | null; followUps: number }>(
      'GET',
      '/api/me/figures',
    );
    const card = page.locator('.home-figures');
    await card
      .locator('.home-figures__amount', { hasText: yuan(figures.wonCents) })
      .waitFor({ timeout: 15_000 });
    if (figures.targetCents !== null) {
      expect(await card.textContent()).toContain(`目标 ${yuan(figures.targetCents)}`);
    }
    expect(await card.locator('.home-figures__count').nth(1).textContent()).toBe(`${figures.followUps}跟进`);
    await page.locator('.home-tasks').waitFor();
    await settle();
    await page.screenshot({ path: screenshot('miniapp-sales-home'), fullPage: true });
  });

  test('he claims a new lead from the pool: it leaves the pool and is his', async () => {
    const company = `南湖精密仪器${Date.now() % 100_000}`;
    const created = await api<Lead>('POST', '/api/leads', {
      company,
      contactName: '周经理',
      mobile: '13912345678',
      industry: '仪器仪表',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'new', owner: null, claimable: true });

    await page.locator('.home__shortcut', { hasText: '线索公海' }).click();
    await expect.poll(() => page.url()).toContain('#/pages/leads/index');
    await page.locator('.k-tab', { hasText: '公海' }).click();
    const row = page.locator('.lead-row', { hasText: company });
    await row.waitFor({ timeout: 15_000 });
    // Unclaimed, the number is masked.
    expect(await row.textContent()).toContain('139****5678');
    await settle();
    await page.screenshot({ path: screenshot('miniapp-leads-pool') });

    await row.locator('.k-row-action', { hasText: '认领' }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const { body: lead } = await api<Lead>('GET', `/api/leads/${created.body.id}`);
    expect(lead).toMatchObject({ status: 'claimed', owner: { name: '张伟' } });

    // 我的线索 now lists it; its page offers 转化, 退回公海 and 无效.
    await page.locator('.k-tab', { hasText: '我的线索' }).click();
    await page.locator('.lead-row', { hasText: company }).click({ timeout: 15_000 });
    await expect.poll(() => page.url()).toContain(`#/pages/leads/detail?id=${lead.id}`);
    await page.getByText('转化为客户').waitFor({ timeout: 15_000 });
    expect(await page.locator('.lead-detail').textContent()).toContain('13912345678');
    await settle();
    await page.screenshot({ path: screenshot('miniapp-lead-detail') });

    // 无效 without a reason is refused at the field; nothing changes.
    await page.locator('.lead-actions .nut-button', { hasText: '无效' }).click();
    await page.locator('.reason-sheet__confirm').click();
    await page.locator('.reason-sheet .k-field-error', { hasText: '请填写无效原因' }).waitFor();
    await settle();
    await page.screenshot({ path: screenshot('miniapp-lead-invalid-reason') });
    expect((await api<Lead>('GET', `/api/leads/${lead.id}`)).body.status).toBe('claimed');
    await page.locator('.nut-popup-title-right, .nut-popup-close').first().click();
  });

  test('on the 商机 board he moves a deal to the next stage', async () => {
    const { body: stages } = await api<{ items: Stage[] }>('GET', '/api/stages');
    const open = stages.items.filter((s) => s.outcome === 'open').sort((a, b) => a.position - b.position);
    const { body: board } = await api<{ columns: { stage: Stage; items: Deal[] }[] }>(
      'GET',
      '/api/opportunities/board',
    );
    const deal = board.columns
      .filter((c) => c.stage.outcome === 'open' && c.stage.id !== open.at(-1)?.id)
      .flatMap((c) => c.items)
      .find((d) => d.owner?.name === '张伟' && d.editable);
    expect(deal).toBeDefined();
    const next = open[open.findIndex((s) => s.id === deal!.stage.id) + 1]!;

    await page.goto(`${server.url}/app/#/pages/home/index`);
    await tab('商机').click();
    await expect.poll(() => page.url()).toContain('#/pages/opportunities/index');
    const card = page.locator('.deal-card', { hasText: deal!.name }).first();
    await card.waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-opportunities-board') });

    // A stage in the header brings its column into view: 本月输单 is the last one.
    const lostColumn = page.locator('.board-column--lost');
    expect((await lostColumn.boundingBox())!.x).toBeGreaterThan(390);
    await page.locator('.board__stage', { hasText: '本月输单' }).click();
    await expect.poll(async () => (await lostColumn.boundingBox())!.x, { timeout: 5000 }).toBeLessThan(390);

    await card.locator('.deal-card__advance', { hasText: `推进到 ${next.name}` }).click();
    await page
      .locator('.board-column', { hasText: next.name })
      .locator('.deal-card', { hasText: deal!.name })
      .waitFor({ timeout: 15_000 });
    const { body: moved } = await api<Deal & { history: { to: Stage }[] }>(
      'GET',
      `/api/opportunities/${deal!.id}`,
    );
    expect(moved.stage.id).toBe(next.id);
    expect(moved.history.at(-1)?.to.id).toBe(next.id);

    // The stage sheet: every open stage, 赢单 and 输单; 输单 asks why.
    await page.locator('.deal-card', { hasText: deal!.name }).first().locator('.deal-card__more').click();
    await page.locator('.stage-sheet').waitFor();
    await settle();
    await page.screenshot({ path: screenshot('miniapp-opportunity-stage-sheet') });
    await page.locator('.stage-sheet__lost').click({ timeout: 5000 });
    await page.locator('.reason-sheet__confirm').click({ timeout: 5000 });
    await page
      .locator('.reason-sheet .k-field-error', { hasText: '请填写输单原因' })
      .waitFor({ timeout: 5000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-opportunity-lost-reason') });
    await page.locator('.nut-popup-title-right, .nut-popup-close').last().click();
    expect((await api<Deal>('GET', `/api/opportunities/${deal!.id}`)).body.stage.id).toBe(next.id);

    // The deal's page: amount, the pipeline's steps, and the history with the move on top.
    await page.locator('.deal-card', { hasText: deal!.name }).first().locator('.deal-card__name').click();
    await expect.poll(() => page.url()).toContain(`#/pages/opportunities/detail?id=${deal!.id}`);
    await page.locator('.deal-history__title').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.deal-history__title').first().textContent()).toBe(
      `${deal!.stage.name} → ${next.name}`,
    );
    await settle();
    await page.screenshot({ path: screenshot('miniapp-opportunity-detail'), fullPage: true });

    // On a desktop the board shows several stages side by side.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/app/#/pages/opportunities/index`);
    await page.locator('.deal-card').first().waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-opportunities-board-desktop') });
    await page.setViewportSize(phone.viewport);
  });

  test('in 待办 he completes a task due today', async () => {
    const { body: customers } = await api<{ items: { id: number; name: string }[] }>(
      'GET',
      '/api/customers?owner=me&limit=1',
    );
    const title = `电话回访，确认报价（${Date.now() % 100_000}）`;
    const created = await api<Task>('POST', '/api/tasks', {
      title,
      dueAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      customerId: customers.items[0]!.id,
    });
    expect(created.status).toBe(201);

    await page.goto(`${server.url}/app/#/pages/home/index`);
    await page.locator('.home-task', { hasText: title }).waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-sales-home-task') });
    await tab('待办').click();
    await expect.poll(() => page.url()).toContain('#/pages/tasks/index');
    const row = page.locator('.task-row', { hasText: title });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(customers.items[0]!.name);
    await settle();
    await page.screenshot({ path: screenshot('miniapp-tasks-today') });

    await row.locator('.k-row-action', { hasText: '完成' }).click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const { body: done } = await api<{ items: Task[] }>('GET', '/api/tasks?view=done');
    expect(done.items.find((t) => t.id === created.body.id)?.status).toBe('done');

    await page.locator('.k-tab', { hasText: '已完成' }).click();
    await page.locator('.task-row--done', { hasText: title }).waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-tasks-done') });
  });
});
