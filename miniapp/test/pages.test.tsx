import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { shortName } from '../src/components/name-colour';
import HomePage from '../src/pages/home/index';
import MePage from '../src/pages/me/index';
import { agents, fakeApi, last, problem, storedSession, storeSession, userAgent, zhangWei } from './fake-api';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./taro-mock')).withRealTaro(await real()));

const profile = {
  ...zhangWei,
  administers: false,
  roles: [{ code: 'sales', name: '销售', scope: 'self', scopeDepartment: { id: 2, name: '华北销售部' } }],
};
const login = { url: '/pages/login/index' };

beforeEach(() => userAgent(agents.browser));

describe('首页', () => {
  test('shows who is signed in, from /api/me: name, department, title and roles', async () => {
    storeSession();
    const { calls } = fakeApi({ 'GET /api/me': [200, profile] });
    render(<HomePage />);
    await screen.findByText('销售 · 数据范围本人');
    expect(screen.getByText(/张伟/, { selector: '.home__greeting' })).toBeTruthy();
    expect(screen.getByText('华北销售部 · 销售经理')).toBeTruthy();
    expect(calls[0]?.headers.Authorization).toBe('Bearer token-4');
  });

  test('the shortcuts to pages still to come say so when tapped', async () => {
    storeSession();
    fakeApi({ 'GET /api/me': [200, profile] });
    render(<HomePage />);
    fireEvent.click(await screen.findByText('订单'));
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '「订单」即将上线' }));
  });

  test('a failed /api/me keeps the page, shows why, and retries on tap', async () => {
    storeSession();
    let answers = 0;
    fakeApi({
      'GET /api/me': () =>
        ++answers === 1
          ? problem(502, 'platform-unavailable', '企业微信暂时无法访问，请稍后重试')
          : [200, profile],
    });
    render(<HomePage />);
    await screen.findByText('企业微信暂时无法访问，请稍后重试');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('销售 · 数据范围本人');
  });

  test('without a session it sends the person to 登录', async () => {
    const { calls } = fakeApi({});
    render(<HomePage />);
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(login));
    expect(calls).toEqual([]);
  });
});

describe('我的', () => {
  test('lists the roles with their data scope', async () => {
    storeSession();
    fakeApi({
      'GET /api/me': [
        200,
        {
          ...profile,
          roles: [
            ...profile.roles,
            {
              code: 'manager',
              name: '销售主管',
              scope: 'department_tree',
              scopeDepartment: { id: 2, name: '华北销售部' },
            },
          ],
        },
      ],
    });
    render(<MePage />);
    await screen.findByText('数据范围：本人');
    expect(screen.getByText('数据范围：本部门及下级（华北销售部）')).toBeTruthy();
    expect(screen.getByText('演示账号')).toBeTruthy();
  });

  test('退出登录, once confirmed, ends the session on the server and here', async () => {
    storeSession();
    const { calls } = fakeApi({ 'GET /api/me': [200, profile], 'POST /api/auth/logout': [204, undefined] });
    render(<MePage />);
    await screen.findByText('数据范围：本人');
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() =>
      expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index?from=logout' }),
    );
    expect(taro.showModal).toHaveBeenCalled();
    expect(last(calls)).toMatchObject({ method: 'POST', path: '/api/auth/logout' });
    expect(last(calls)?.headers.Authorization).toBe('Bearer token-4');
    expect(storedSession()).toBeNull();
  });

  test('cancelling the confirmation keeps the session', async () => {
    storeSession();
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    const { calls } = fakeApi({ 'GET /api/me': [200, profile] });
    render(<MePage />);
    await screen.findByText('数据范围：本人');
    fireEvent.click(screen.getByText('退出登录'));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalled());
    expect(calls.map((c) => c.path)).toEqual(['/api/me']);
    expect(storedSession()).not.toBeNull();
  });
});

test('name avatars show the given name, as the chat clients do', () => {
  expect(shortName('张伟')).toBe('张伟');
  expect(shortName('王建国')).toBe('建国');
  expect(shortName('Alice Wong')).toBe('AW');
  expect(shortName('陈经理')).toBe('陈');
  expect(shortName('张先生')).toBe('张');
});
