// A sales rep on a phone opens the mini-app's h5 build at /app/ against the real server in
// sandbox mode: picks who they are, sees 首页 and 我的, logs out. And the same inside WeCom, where
// the page signs in through the sandbox's OAuth stand-in. Phone-size screenshots (390×844 @2x) land
// in test-results/screenshots.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { hasBrowser, iphoneUserAgent, screenshot } from '../support/browser.js';
import { miniappWorld } from './miniapp-world.js';

const iphone = iphoneUserAgent;
const wecomPhone = `${iphone} wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light`;
const dingtalkPhone = `${iphone} AliApp(DingTalk/7.6.0) com.laiwang.DingTalk/7.6.0 Channel/201200 language/zh-Hans-CN`;

const world = miniappWorld();

async function phonePage(userAgent = iphone): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.phone(userAgent);
  return { context, page: await world.page(context) };
}

/** The lazy chunk of each chat SDK in the current build (from the build's chunk manifest). */
function sdkChunks(): { wecom: string; dingtalk: string } {
  const manifest = new URL('../../../miniapp/dist/h5-chunks.json', import.meta.url);
  const { groups } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    groups: { origins: string[]; files: string[] }[];
  };
  const chunk = (origin: string) => {
    const file = groups.find((g) => g.origins.includes(origin))?.files.find((f) => f.endsWith('.js'));
    if (!file) throw new Error(`no chunk for ${origin} in ${manifest.pathname}`);
    return `/app/${file}`;
  };
  return { wecom: chunk('./sdk-wecom.h5'), dingtalk: chunk('./sdk-dingtalk.h5') };
}

/** Paths of the scripts a page downloads, from now on. */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

/** Text of the page as a person reads it. */
const textOf = async (page: Page) => (await page.locator('body').textContent()) ?? '';

/** Waits until nothing moves (spinners aside) so screenshots show the settled page. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

describe.skipIf(!hasBrowser)('the mini-app in a phone browser (needs Debian chromium)', () => {
  test('张伟 picks himself from the demo users, sees 首页 and 我的, and logs out', async () => {
    const { context, page } = await phonePage();
    const scripts = scriptsOf(page);
    await page.goto(`${world.server.url}/app/`);

    // No session: 首页 sends the visitor to 登录, which offers the sandbox's demo users.
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('#/pages/login/index');
    const zhangWei = page.locator('.picker__name', { hasText: '张伟' });
    await zhangWei.waitFor({ timeout: 20_000 });
    expect(await textOf(page)).toContain('选择演示身份');
    expect(await textOf(page)).toContain('华北销售部 · 4 人');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-login-picker') });

    await page.locator('.picker__user', { hasText: '张伟' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/home/index');
    // The roles come from /api/me: wait for them, then the whole header is the server's answer.
    await page.getByText('销售 · 数据范围本人').waitFor({ timeout: 15_000 });
    const home = await textOf(page);
    expect(home).toContain('张伟');
    expect(home).toContain('华北销售部 · 销售经理');
    expect(home).toContain('常用功能');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-home') });

    const token = await page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('kelian.session') ?? '{}') as { data?: { token?: string } }).data
          ?.token,
    );
    expect(token).toEqual(expect.any(String));

    await page.getByText('我的', { exact: true }).click();
    await expect.poll(() => page.url()).toContain('#/pages/me/index');
    await page.getByText('数据范围：本人').waitFor({ timeout: 15_000 });
    expect(await textOf(page)).toContain('演示账号');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-me') });

    await page.locator('.me__logout .nut-button').click();
    await page.getByText('退出后需要重新登录才能使用客联。').waitFor();
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-logout-confirm') });
    await page.getByText('退出', { exact: true }).click();

    // Back at the picker, with the session gone on both sides.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('#/pages/login/index');
    await page.getByText('选择演示身份').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => localStorage.getItem('kelian.session'))).toBeNull();
    // A plain browser never downloads either chat SDK.
    const { wecom, dingtalk } = sdkChunks();
    expect(scripts).not.toContain(wecom);
    expect(scripts).not.toContain(dingtalk);
    const me = await fetch(`${world.server.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    await context.close();
  });

  test('a token the server no longer accepts sends the person back to 登录', async () => {
    const { context, page } = await phonePage();
    await page.addInitScript(() => {
      const user = { id: 1, name: '张伟', title: '销售经理', department: { id: 2, name: '华北销售部' } };
      const session = { token: 'expired-or-revoked', expiresAt: '2999-01-01T00:00:00.000Z', user };
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('kelian.session', JSON.stringify({ data: session }));
      }
    });
    await page.goto(`${world.server.url}/app/`);
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('#/pages/login/index');
    await page.getByText('选择演示身份').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => localStorage.getItem('kelian.session'))).toBeNull();
    await context.close();
  });

  test('a plain browser against a server without the sandbox is told where to open the app', async () => {
    const { context, page } = await phonePage();
    // Outside sandbox mode the picker's route does not exist.
    await page.route('**/api/auth/sandbox/users', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:kelian:problem:not-found',
          title: '请求的地址不存在',
          status: 404,
        }),
      }),
    );
    await page.goto(`${world.server.url}/app/#/pages/login/index`);
    await page.getByText('请在企业微信或钉钉中打开客联').waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-login-outside-clients') });
    await context.close();
  });

  test('inside WeCom the page signs in through OAuth (the sandbox stands in for open.weixin.qq.com)', async () => {
    const { context, page } = await phonePage(wecomPhone);
    const scripts = scriptsOf(page);
    const authorizeRequests: URL[] = [];
    // The build sends WeCom users to https://open.weixin.qq.com; here that host is the sandbox's
    // stand-in, which knows who "is signed in to WeCom" from sandbox_userid.
    await context.route('https://open.weixin.qq.com/**', (route) => {
      const url = new URL(route.request().url());
      authorizeRequests.push(url);
      const target = new URL(`${world.server.url}/sandbox/wecom${url.pathname}${url.search}`);
      target.searchParams.set('sandbox_userid', 'LiNa');
      return route.fulfill({ status: 302, headers: { location: target.toString() } });
    });
    await page.goto(`${world.server.url}/app/`);
    await page.getByText('销售主管 · 数据范围本部门及下级').waitFor({ timeout: 30_000 });
    expect(await textOf(page)).toContain('华北销售部 · 华北销售总监');

    expect(authorizeRequests).toHaveLength(1);
    const authorize = authorizeRequests[0]!;
    expect(authorize.pathname).toBe('/connect/oauth2/authorize');
    expect(authorize.searchParams.get('scope')).toBe('snsapi_base');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${world.server.url}/app/`);
    // The single-use code does not stay in the address bar, nor does WeCom's #wechat_redirect.
    expect(page.url()).toBe(`${world.server.url}/app/#/pages/home/index`);
    // After signing in, the page registered WeCom's JS-SDK: its chunk came, DingTalk's did not.
    const { wecom, dingtalk } = sdkChunks();
    await expect.poll(() => scripts).toContain(wecom);
    expect(scripts).not.toContain(dingtalk);
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-home-wecom') });
    await context.close();
  });

  test('in a page that only looks like DingTalk, the silent auth code never comes: the page gives up and offers a retry', async () => {
    const { context, page } = await phonePage(dingtalkPhone);
    const scripts = scriptsOf(page);
    await page.goto(`${world.server.url}/app/`);
    await page.getByText('正在通过钉钉登录…').waitFor({ timeout: 20_000 });
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-login-dingtalk-waiting') });
    // dingtalk-jsapi's requestAuthCode waits forever for a bridge that is not there (8 s timeout).
    await page.getByText('钉钉没有返回登录凭证').waitFor({ timeout: 15_000 });
    expect(await textOf(page)).toContain('重试');
    await settle(page);
    await page.screenshot({ path: screenshot('miniapp-login-dingtalk-timeout') });
    // DingTalk's SDK was downloaded, WeCom's was not.
    const { wecom, dingtalk } = sdkChunks();
    expect(scripts).toContain(dingtalk);
    expect(scripts).not.toContain(wecom);
    await context.close();
  }, 45_000);
});
