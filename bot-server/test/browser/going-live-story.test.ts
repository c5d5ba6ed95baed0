// Issue 19's whole story on a fresh company: the sandbox's directory without the demo company's
// roles and data (SANDBOX_DEMO_DATA=false), the first administrator named in ADMIN_USERS, 采购部
// given 采购 by DEFAULT_ROLES. 徐明 signs in, reads the going-live checklist, gives 张伟 销售 and
// 李娜 销售主管; 张伟 then creates his first customer on his phone; 徐明 hides customers' phones
// from 采购 and sees the preview of what 朱丽 (采购) sees change; in the grid he edits a level in
// place and hands ten customers to 张伟 at once. Screenshots: test-results/screenshots/going-live-*.
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { testDbUrl } from '../../../orm/testing/db-url.js';
import { hasBrowser, screenshot } from '../support/browser.js';
import { miniappWorld, settle } from './miniapp-world.js';

const world = miniappWorld({
  SANDBOX_DEMO_DATA: 'false',
  ADMIN_USERS: 'XuMing',
  DEFAULT_ROLES: '采购部=procurement',
});
const db = new pg.Pool({ connectionString: testDbUrl(), max: 1 });
afterAll(() => db.end());

/** The roles a person holds now, by name, as the database has them. */
async function rolesOf(name: string): Promise<string[]> {
  const { rows } = await db.query<{ role: string }>(
    `select r.name as role from role_assignment ur join role r on r.id = ur.role_id
       join app_user u on u.id = ur.user_id where u.name = $1 order by r.name`,
    [name],
  );
  return rows.map((r) => r.role);
}

/** In 成员: finds `name`, chooses `role` with `scope`, and gives it. */
async function giveRole(page: Page, name: string, role: string, scope: string) {
  await page.locator('.admin-filters__search input').fill(name);
  await page.locator('.admin-row', { hasText: name }).click({ timeout: 15_000 });
  const panel = page.locator('.admin-panel');
  await panel.locator('.admin-chip', { hasText: new RegExp(`^${role}$`) }).click();
  await panel.getByText(scope, { exact: true }).click();
  await panel.locator('taro-button-core', { hasText: `分配「${role}」` }).click();
  await panel.locator('.admin-held', { hasText: role }).waitFor({ timeout: 10_000 });
}

const gridRows = (page: Page) => page.locator('.k-grid__table > .k-grid__row');
const gridCell = (page: Page, row: number, column: string) =>
  gridRows(page).nth(row).locator(`.k-grid__td[data-column="${column}"]`);

describe.skipIf(!hasBrowser)('going live on a fresh company (needs Debian chromium)', () => {
  test('the first administrator sets the company up and a rep starts working', async () => {
    expect(await rolesOf('张伟')).toEqual([]);
    const admin = await world.page(await world.desktop());
    await world.signIn('徐明', admin);

    // The checklist: what is not ready yet says what to do.
    await admin.goto(`${world.server.url}/app/#/pages/admin/checklist`);
    await admin.getByText('公网地址使用 HTTPS').waitFor({ timeout: 20_000 });
    await settle(admin);
    await admin.screenshot({ path: screenshot('going-live-checklist') });

    // Roles for the sales team.
    await admin.locator('.admin__nav-item', { hasText: '成员' }).click();
    await admin.locator('.admin-row').first().waitFor({ timeout: 15_000 });
    await giveRole(admin, '张伟', '销售', '本人');
    await giveRole(admin, '李娜', '销售主管', '本部门及下级');
    await settle(admin);
    await admin.screenshot({ path: screenshot('going-live-roles-given') });
    expect(await rolesOf('张伟')).toEqual(['销售']);
    expect(await rolesOf('李娜')).toEqual(['销售主管']);

    // 张伟 on his phone: his first customer.
    const rep = await world.page(await world.phone());
    await world.signIn('张伟', rep);
    await rep.goto(`${world.server.url}/app/#/pages/customers/edit`);
    const field = (label: string) => rep.locator('.k-form-row', { hasText: label }).locator('input').first();
    await field('客户名称').fill('保定恒信机械有限公司', { timeout: 15_000 });
    await rep.locator('input[placeholder="联系人姓名"]').fill('王强');
    await rep.locator('input[placeholder="11 位手机号"]').fill('13912340001');
    await rep.locator('.nut-button', { hasText: '创建客户' }).click();
    await expect.poll(() => rep.url(), { timeout: 15_000 }).toContain('#/pages/customers/detail');
    await rep.locator('.profile__name', { hasText: '保定恒信机械有限公司' }).waitFor({ timeout: 15_000 });
    await settle(rep);
    await rep.screenshot({ path: screenshot('going-live-rep-customer') });

    // 采购 no longer sees customers' phones: the preview of 朱丽's list changes before saving.
    await admin.locator('.admin__nav-item', { hasText: '角色与权限' }).click();
    await admin
      .locator('.admin-split--roles .admin-row')
      .filter({ has: admin.getByText('采购', { exact: true }) })
      .click({ timeout: 15_000 });
    const preview = admin.locator('.admin-preview');
    await preview.getByText('朱丽', { exact: true }).click({ timeout: 15_000 });
    const row = preview.locator('.admin-preview__row', { hasText: '保定恒信机械有限公司' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('.admin-preview__cell--hidden').count()).toBe(0);
    await admin
      .locator('.admin-editor__rules .admin-fields', { hasText: '客户' })
      .first()
      .locator('.admin-rule', { hasText: '电话' })
      .getByText('隐藏', { exact: true })
      .click();
    await expect.poll(() => row.locator('.admin-preview__cell--hidden').count()).toBeGreaterThan(0);
    await settle(admin);
    await admin.screenshot({ path: screenshot('going-live-procurement-preview') });
    await admin.locator('taro-button-core', { hasText: /^保存$/ }).click();
    await expect
      .poll(async () => {
        const { rows } = await db.query<{ rules: Record<string, Record<string, string>> }>(
          `select field_rules as rules from role where code = 'procurement'`,
        );
        return rows[0]?.rules.customer?.phone;
      })
      .toBe('hidden');

    // The grid: eleven more customers of 徐明's, one level edited in place, ten handed to 张伟.
    const token = await admin.evaluate("JSON.parse(localStorage.getItem('kelian.session')).data.token");
    for (let i = 1; i <= 11; i++) {
      const res = await fetch(`${world.server.url}/api/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'company', name: `上线测试客户${String(i).padStart(2, '0')}有限公司` }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    await admin.goto(`${world.server.url}/app/#/pages/grid/customers`);
    await gridRows(admin).nth(10).waitFor({ timeout: 20_000 });
    const first = (await gridCell(admin, 0, 'name').textContent())?.trim() ?? '';
    await gridCell(admin, 0, 'level').dblclick();
    const editor = admin.locator('.k-grid__editor input');
    await editor.fill('A');
    await editor.press('Enter');
    await expect.poll(() => gridCell(admin, 0, 'level').textContent()).toBe('A');
    const names = await Promise.all(
      Array.from(
        { length: 10 },
        async (_, i) => (await gridCell(admin, i, 'name').textContent())?.trim() ?? '',
      ),
    );
    await gridRows(admin).nth(0).locator('.k-grid__check').click();
    await gridRows(admin)
      .nth(9)
      .locator('.k-grid__check')
      .click({ modifiers: ['Shift'] });
    await admin.getByText('已选 10 位').waitFor();
    await admin.locator('taro-button-core', { hasText: '更换负责人' }).click();
    await admin.locator('.grid-batch .k-grid__option', { hasText: '张伟' }).click();
    await admin.getByText('已修改 10 位客户').waitFor({ timeout: 15_000 });
    await admin.getByText('知道了', { exact: true }).click();
    await settle(admin);
    await admin.screenshot({ path: screenshot('going-live-grid') });
    const { rows: owned } = await db.query<{ name: string; owner: string; level: string | null }>(
      `select c.name, u.name as owner, c.level from customer c join app_user u on u.id = c.owner_id
        where c.name = any($1)`,
      [names],
    );
    expect(owned.map((r) => r.owner)).toEqual(Array(10).fill('张伟'));
    expect(owned.find((r) => r.name === first)?.level).toBe('A');
  }, 240_000);
});
