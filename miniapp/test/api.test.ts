import { beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError, get } from '../src/services/api';
import { fakeApi, problem, storedSession, storeSession } from './fake-api';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./taro-mock')).withRealTaro(await real()));

describe('talking to /api', () => {
  beforeEach(() => storeSession());

  test('a signed-in request carries the session token', async () => {
    const { calls } = fakeApi({ 'GET /api/me': [200, { name: '张伟' }] });
    await expect(get('/api/me')).resolves.toEqual({ name: '张伟' });
    expect(calls[0]?.headers.Authorization).toBe('Bearer token-4');
  });

  test('a problem answer becomes an error with its Chinese title and code', async () => {
    fakeApi({ 'GET /api/me': problem(403, 'no-account', '你还没有开通客联账号，请联系管理员') });
    const error = await get('/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'no-account',
      title: '你还没有开通客联账号，请联系管理员',
    });
  });

  test('401 ends the session and goes back to the login page', async () => {
    fakeApi({ 'GET /api/me': problem(401, 'unauthenticated', '请先登录') });
    await expect(get('/api/me')).rejects.toMatchObject({ status: 401, title: '请先登录' });
    expect(storedSession()).toBeNull();
    expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
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
