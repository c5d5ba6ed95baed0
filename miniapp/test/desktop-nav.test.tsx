import { eventCenter } from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { bare, destinationOf, destinationsFor } from '../src/components/desktop-nav/destinations';
import { mountDesktopNav } from '../src/components/desktop-nav/mount';
import { SideNav } from '../src/components/desktop-nav/side-nav';
import { agents, fakeApi, storeSession, userAgent, zhangWei } from './fake-api';

vi.mock('@tarojs/taro', async (real) => (await import('./taro-mock')).withRealTaro(await real()));

const labels = (administers: boolean) => destinationsFor(administers).map((d) => d.label);
const me = (administers: boolean) => ({
  ...zhangWei,
  administers,
  roles: [{ code: 'sales', name: '销售', scope: 'self', scopeDepartment: null }],
});

describe('the desktop side navigation', () => {
  test('lists the main pages; 管理后台 only for an administrator', () => {
    expect(labels(false)).toEqual(['首页', '客户', '商机', '线索', '待办', '我的']);
    expect(labels(true)).toEqual(['首页', '客户', '商机', '线索', '待办', '我的', '管理后台']);
  });

  test('lights the place a route belongs to, a record’s own page included', () => {
    const place = (route: string) => destinationOf(route)?.label;
    expect(place('/pages/home/index')).toBe('首页');
    expect(place('pages/customers/index')).toBe('客户');
    expect(place('/pages/customers/detail?id=7')).toBe('客户');
    expect(place('/pages/customers/edit')).toBe('客户');
    expect(place('/pages/opportunities/detail')).toBe('商机');
    expect(place('/pages/grid/deals')).toBe('商机');
    expect(place('/pages/leads/detail')).toBe('线索');
    expect(place('/pages/admin/roles')).toBe('管理后台');
    expect(place('/pages/login/index')).toBeUndefined();
    expect(bare('/pages/login/index')).toBe(true);
    expect(bare('/pages/sidebar/index')).toBe(true);
    expect(bare('/pages/home/index')).toBe(false);
  });

  test('shows the brand, the current page marked, and who is signed in; a click goes there', () => {
    const onGo = vi.fn();
    render(
      <SideNav
        route="/pages/opportunities/detail"
        person={{ name: '张伟', department: { name: '华北销售部' }, title: '销售经理' }}
        administers={false}
        onGo={onGo}
      />,
    );
    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(within(nav).getByText('客联')).toBeTruthy();
    expect(within(nav).queryByText('管理后台')).toBeNull();
    const lit = nav.querySelectorAll('[aria-current="page"]');
    expect([...lit].map((b) => b.textContent)).toEqual(['商机']);
    expect(within(nav).getByText('华北销售部 · 销售经理')).toBeTruthy();
    fireEvent.click(within(nav).getByRole('button', { name: '线索' }));
    expect(onGo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/grid/leads' }));
  });
});

describe('the desktop layout in the page', () => {
  let wide = true;
  beforeEach(() => {
    userAgent(agents.browser);
    wide = true;
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: wide && query === '(min-width: 1024px)',
      addEventListener() {},
      removeEventListener() {},
    }));
  });
  let unmount = () => {};
  afterEach(() => act(() => unmount()));

  test('asks /api/me whether to offer 管理后台, follows the route, and steps aside on 登录', async () => {
    storeSession();
    fakeApi({ 'GET /api/me': [200, me(true)] });
    window.location.hash = '#/pages/home/index';
    act(() => {
      unmount = mountDesktopNav();
    });
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    await within(nav).findByText('管理后台');
    expect(document.documentElement.classList.contains('k-desktop')).toBe(true);
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('首页');

    act(() => eventCenter.trigger('__taroRouterChange', { toLocation: { path: '/pages/customers/detail' } }));
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('客户');

    act(() => eventCenter.trigger('__taroRouterChange', { toLocation: { path: '/pages/login/index' } }));
    await waitFor(() => expect(screen.queryByRole('navigation')).toBeNull());
    expect(document.documentElement.classList.contains('k-desktop')).toBe(false);
  });

  test('a rep gets no 管理后台', async () => {
    storeSession();
    const { calls } = fakeApi({ 'GET /api/me': [200, me(false)] });
    window.location.hash = '#/pages/tasks/index';
    act(() => {
      unmount = mountDesktopNav();
    });
    const nav = await screen.findByRole('navigation', { name: '主导航' });
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('待办');
    await waitFor(() => expect(calls).toHaveLength(1));
    await act(async () => {});
    expect(within(nav).queryByText('管理后台')).toBeNull();
    expect(nav.querySelector('.k-nav__person')?.textContent).toBe('张伟');
  });
});
