import { beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError, get } from '../src/services/api';
import { fakeApi, problem, storedSession, storeSession, zhangWei } from './fake-api';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./taro-mock')).withRealTaro(await real()));

describe('talking to /api', () => {
  beforeEach(() => storeSession());

  test('a signed-in request carries the session token', async () => {
    const profile = { ...zhangWei, administers: false, roles: [] };
    const { calls } = fakeApi({ 'GET /api/me': [200, profile] });
    await expect(get('/api/me')).resolves.toEqual(profile);
    expect(calls[0]?.headers.Authorization).toBe('Bearer token-4');
  });

  test('a problem answer becomes an error with its Chinese title and code', async () => {
    fakeApi({ 'GET /api/customers': problem(403, 'forbidden', '你没有查看客户的权限') });
    const error = await get('/api/customers').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', title: '你没有查看客户的权限' });
  });

  test('401 ends the session and goes back to the login page', async () => {
    fakeApi({ 'GET /api/me': problem(401, 'unauthenticated', '请先登录') });
    await expect(get('/api/me')).rejects.toMatchObject({ status: 401, title: '请先登录' });
    expect(storedSession()).toBeNull();
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  test("a page's requests that all meet 401 go back to the login page once", async () => {
    fakeApi({
      'GET /api/me': problem(401, 'unauthenticated', '请先登录'),
      'GET /api/customers': problem(401, 'unauthenticated', '请先登录'),
    });
    taro.reLaunch.mockClear();
    await Promise.allSettled([get('/api/me'), get('/api/customers'), get('/api/me')]);
    expect(storedSession()).toBeNull();
    expect(taro.reLaunch).toHaveBeenCalledTimes(1);
  });

  test('no answer at all says so in plain words', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(get('/api/me')).rejects.toMatchObject({
      status: 0,
      title: '网络连接失败，请检查网络后重试',
    });
    expect(storedSession()).not.toBeNull();
  });
});
