// The leads grid (issue 19) in the h5 build at desktop width, against the real server in sandbox
// mode: 李娜 (销售主管 of the north team) opens 线索 from the side navigation, corrects a lead's
// industry in place (double-click, type, Enter) and hands five of 张伟's leads, chosen with a click
// and a Shift-click, to 刘洋 at once. On a phone the same page is a compact list.
// Screenshots land in test-results/screenshots/miniapp-grid-leads-*.png.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { apiClient } from '../api/support.js';
import { hasBrowser, phone, screenshot } from '../support/browser.js';
import { cell, rows } from './grid-page.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld();
const desktop = { width: 1280, height: 800 };
const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
afterAll(() => db.end());

const userId = async (name: string) =>
  (await db.query<{ id: number }>('select id from app_user where name = $1', [name])).rows[0]!.id;

// The demo company has no leads: the web form's way in is the API, 张伟 claims the north ones.
beforeAll(async () => {
  if (!hasBrowser) return;
  const api = apiClient(world.server);
  const token = async (name: string) =>
    (await api('/api/auth/sandbox', { body: { userId: await userId(name) } })).body.token as string;
  const [admin, zhang] = [await token('徐明'), await token('张伟')];
  const contacts = ['王强', '刘芳', '陈磊', '赵敏', '孙杰', '周婷', '吴刚', '郑丽', '黄涛', '林静'];
  const lead = async (company: string, region: string, mobile: string, source: string) => {
    const res = await api('/api/leads', {
      token: admin,
      body: {
        company,
        region,
        mobile,
        source,
        contactName: contacts.pop(),
        industry: '制造业',
      },
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  await lead('天津滨海精密机械有限公司', '天津', '13900000001', '展会');
  await lead('河北正定包装材料有限公司', '河北', '13900000002', '百度推广');
  const companies = [
    '北京星火数据科技有限公司',
    '北京云图信息技术有限公司',
    '北京华润医疗器械有限公司',
    '北京东升环保工程有限公司',
    '北京博瑞教育咨询有限公司',
    '北京京西新材料有限公司',
    '北京中关村智能制造有限公司',
    '北京长安汽车配件有限公司',
  ];
  for (const [i, company] of companies.entries()) {
    const id = await lead(company, '北京', `1380000000${i}`, i % 2 ? '官网表单' : '老客户介绍');
    expect((await api(`/api/leads/${id}/claim`, { method: 'POST', token: zhang })).status).toBe(200);
  }
}, 60_000);

describe.skipIf(!hasBrowser)('the leads grid (needs Debian chromium)', () => {
  test('李娜 corrects a lead in place and hands five of 张伟’s leads to 刘洋 in one go', async () => {
    const page = await world.signIn('李娜');
    await page.setViewportSize(desktop);
    await settle(page);
    await page.locator('nav.k-nav .k-nav__item', { hasText: '线索' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/grid/leads');
    await rows(page).nth(9).waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-leads-desktop') });
    expect(await cell(page, 0, 'status').textContent()).toBe('已认领');
    expect(await cell(page, 0, 'owner').textContent()).toBe('张伟');

    // In place: double-click the industry, type, Enter; the database has it.
    const company = (await cell(page, 0, 'company').textContent())?.trim() ?? '';
    await cell(page, 0, 'industry').dblclick();
    const editor = page.locator('.k-grid__editor input');
    await editor.fill('医疗器械');
    await editor.press('Enter');
    await expect.poll(() => cell(page, 0, 'industry').textContent()).toBe('医疗器械');
    const saved = await db.query('select industry from lead where company = $1', [company]);
    expect(saved.rows).toEqual([{ industry: '医疗器械' }]);

    // Five rows: a click on the first box, a Shift-click on the fifth; 转交给 刘洋.
    const companies = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => (await cell(page, i, 'company').textContent())?.trim() ?? ''),
    );
    await rows(page).nth(0).locator('.k-grid__check').click();
    await rows(page)
      .nth(4)
      .locator('.k-grid__check')
      .click({ modifiers: ['Shift'] });
    await page.getByText('已选 5 条').waitFor();
    await page.locator('taro-button-core', { hasText: '转交给' }).click();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-leads-batch-desktop') });
    await page.locator('.grid-batch .k-grid__option', { hasText: '刘洋' }).click();
    await page.getByText('已修改 5 条线索').waitFor({ timeout: 15_000 });
    await page.getByText('知道了', { exact: true }).click();
    const owners = await db.query(
      `select l.company, l.status, u.name as owner from lead l join app_user u on u.id = l.owner_id
        where l.company = any($1) order by l.company`,
      [companies],
    );
    expect(owners.rows).toEqual(
      [...companies].sort().map((c) => ({ company: c, status: 'claimed', owner: '刘洋' })),
    );
    const audits = await db.query(
      `select count(*)::int as n from audit_log a join lead l on a.object_id = l.id::text
        where a.object_type = 'lead' and l.company = any($1) and a.changes ? 'owner'
          and a.actor_id = (select id from app_user where name = '李娜')`,
      [companies],
    );
    expect(audits.rows[0].n).toBe(5);
    await expect.poll(() => cell(page, 0, 'owner').textContent()).toBe('刘洋');

    // ↗ opens the lead's own page.
    await rows(page).nth(0).locator('.k-grid__open').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/leads/detail?id=');

    await page.goBack();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/grid/leads');
    await page.setViewportSize(phone.viewport);
    await page.reload();
    await page.locator('.grid-compact__row').first().waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-grid-leads-phone') });
  }, 120_000);
});
