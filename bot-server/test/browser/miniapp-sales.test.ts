// 张伟, a sales rep, works a day in the mini-app's h5 build against the real server in sandbox
// mode, in one session: logs in as a demo user and reads his month on 首页, finds a customer by the
// initials of its pinyin, opens the 360° page and records a follow-up that tops the timeline (the
// server's field error first), claims a lead from the pool (created through the API first), moves
// a deal to the next stage on the 商机 board, and completes a task in 待办. Phone-size screenshots of
// every page land in test-results/screenshots.
import { normalizeSearchText } from '@kelian/orm';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { readingsOf } from '../../../orm/src/search/pinyin.js';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { miniappWorld } from './miniapp-world.js';

const world = miniappWorld();
let page: Page;
let token: string;

beforeAll(async () => {
  if (hasBrowser) page = await world.page(await world.phone());
});

/** The API as 张伟, with the token his browser session holds. */
async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${world.server.url}${path}`, {
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
    await page.goto(`${world.server.url}/app/`);
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

  test('he finds a customer by pinyin initials, opens it, and records a follow-up that tops the timeline', async () => {
    await tab('客户').click();
    await expect.poll(() => page.url()).toContain('#/pages/customers/index');
    await page.locator('.customer-row').first().waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customers-list') });

    // A customer of his, found by the initials of its name's pinyin (星河智能 → xhzn).
    const { body: mine } = await api<{ items: { id: number; name: string }[] }>(
      'GET',
      '/api/customers?owner=me&limit=5',
    );
    const customer = mine.items.at(-1)!;
    const initials = readingsOf(normalizeSearchText(customer.name), false)[0]!.initials;
    await page.locator('.customers__search input').fill(initials);
    const row = page.locator('.customer-row', { hasText: customer.name });
    await row.waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customers-search-initials') });

    // The filter sheet: tags by group, the deal stage, the select custom fields.
    await page.locator('.customers__filter').click();
    await page.getByText('查看结果').waitFor();
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customers-filter') });
    await page.locator('.nut-popup-title-right, .nut-popup-close').first().click();

    await row.click();
    await expect.poll(() => page.url()).toContain(`#/pages/customers/detail?id=${customer.id}`);
    await page.locator('.profile__name', { hasText: customer.name }).waitFor({ timeout: 15_000 });
    expect(await page.locator('body').textContent()).toContain('负责人：张伟');
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customer-detail'), fullPage: true });

    // 写跟进 without content: the server's error shows at the content field, nothing is saved.
    await page.locator('.profile__action--primary').click();
    const form = page.locator('.follow-up-form');
    await form.waitFor();
    await form.getByText('拜访', { exact: true }).click();
    await form.locator('.follow-up-form__save').click();
    await form.locator('.k-field-error', { hasText: '请填写跟进内容' }).waitFor({ timeout: 10_000 });
    await settle();
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
    // The 跟进已保存 toast gone, the timeline in view.
    await expect.poll(() => page.locator('.taro__toast:visible').count(), { timeout: 5000 }).toBe(0);
    await first.scrollIntoViewIfNeeded();
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customer-timeline') });

    // What the server kept: the follow-up with its next step, newest first.
    const { body: view } = await api<{ timeline: { content: string; nextStep: string; nextAt: string }[] }>(
      'GET',
      `/api/customers/${customer.id}`,
    );
    expect(view.timeline[0]).toMatchObject({ content, nextStep: '周五前发送报价单' });
    // The date picker offered tomorrow; the reminder is at 9:00 Beijing time.
    const tomorrow = new Date(Date.now() + (8 + 24) * 3_600_000).toISOString().slice(0, 10);
    expect(view.timeline[0]?.nextAt).toMatch(new RegExp(`^${tomorrow}T01:00:00`));

    // A card's 打开客户 link: the server hands the path to the h5 hash route.
    await page.goto(`${world.server.url}/app/pages/customers/detail?id=${customer.id}`);
    await expect
      .poll(() => page.url())
      .toBe(`${world.server.url}/app/#/pages/customers/detail?id=${customer.id}`);
    await page.locator('.profile__name', { hasText: customer.name }).waitFor({ timeout: 15_000 });

    // 新建客户 without a name: the server's error under the name field.
    await page.goto(`${world.server.url}/app/#/pages/customers/edit`);
    await page.locator('.nut-button', { hasText: '创建客户' }).click({ timeout: 15_000 });
    await page.locator('.k-field-error', { hasText: '请填写客户名称' }).waitFor({ timeout: 10_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customer-create-field-error'), fullPage: true });
    await page.goto(`${world.server.url}/app/#/pages/home/index`);
    await page.locator('.home-figures').waitFor({ timeout: 15_000 });
  }, 120_000);

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
    await page.locator('.lead-row', { hasText: company }).waitFor({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-leads-mine') });
    await page.locator('.lead-row', { hasText: company }).click();
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

    await page.goto(`${world.server.url}/app/#/pages/home/index`);
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
    // Another deal may bear the same name (a customer's 年度采购 of two years): wait for this one.
    const movedDeal = async () =>
      (await api<Deal & { history: { to: Stage }[] }>('GET', `/api/opportunities/${deal!.id}`)).body;
    await expect.poll(async () => (await movedDeal()).stage.id, { timeout: 15_000 }).toBe(next.id);
    const moved = await movedDeal();
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
    await page.goto(`${world.server.url}/app/#/pages/opportunities/index`);
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
      dueAt: laterToday().toISOString(),
      customerId: customers.items[0]!.id,
    });
    expect(created.status).toBe(201);

    await page.goto(`${world.server.url}/app/#/pages/home/index`);
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

  test('李娜, his manager, filters by owner and hands one of his customers to 刘洋', async () => {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${world.server.url}/app/`);
    await page.reload();
    await page.locator('.picker__user', { hasText: '李娜' }).first().click({ timeout: 20_000 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');

    // 筛选 → 负责人: the people of her department; 张伟's customers only.
    await tab('客户').click();
    await page.locator('.customer-row').first().waitFor({ timeout: 15_000 });
    await page.locator('.customers__filter').click();
    await page.locator('.filter-sheet .k-chip', { hasText: '张伟' }).click({ timeout: 15_000 });
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customers-filter-owner') });
    await page.locator('.filter-sheet__apply').click();
    await page.locator('.customers__filter', { hasText: '筛选 1' }).waitFor();
    // The list asks the server again after a short pause.
    const owners = () => page.locator('.customer-row__meta').allTextContents();
    await expect
      .poll(async () => (await owners()).every((text) => text.includes('负责人 张伟')), { timeout: 10_000 })
      .toBe(true);
    expect((await owners()).length).toBeGreaterThan(0);

    // 更换负责人 on the first of them: the colleagues with their department.
    const name = (await page.locator('.customer-row__name').first().textContent())!;
    await page.locator('.customer-row').first().click();
    await page.locator('.profile__name', { hasText: name }).waitFor({ timeout: 15_000 });
    await page.getByText('更换负责人', { exact: true }).first().click();
    const liuYang = page.locator('.owner-choice', { hasText: '刘洋' });
    await liuYang.waitFor({ timeout: 15_000 });
    expect(await liuYang.textContent()).toContain('华北销售部');
    await settle();
    await page.screenshot({ path: screenshot('miniapp-customer-owner-sheet') });
    await liuYang.click();
    await page.locator('.profile__owner', { hasText: '负责人：刘洋' }).waitFor({ timeout: 15_000 });
  }, 90_000);
});

/**
 * Ten minutes from now, but never past midnight on a Beijing clock (UTC+8, no daylight saving),
 * where 今天 ends: from 23:50 in Beijing "ten minutes on" would be tomorrow's task.
 */
function laterToday(): Date {
  const day = 86_400_000;
  const beijing = 8 * 3_600_000;
  const now = Date.now();
  const midnight = Math.ceil((now + beijing) / day) * day - beijing;
  return new Date(Math.min(now + 10 * 60_000, (now + midnight) / 2));
}
