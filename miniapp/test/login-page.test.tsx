import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import LoginPage from '../src/pages/login/index';
import { navigation } from '../src/services/sdk.h5';
import {
  agents,
  fakeApi,
  last,
  problem,
  signIn,
  storedSession,
  storeSession,
  userAgent,
  zhangWei,
} from './fake-api';
import { router, taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./taro-mock')).withRealTaro(await real()));

// DingTalk's JS-API exists only inside the client: each test says what the client answers.
const dingtalk = vi.hoisted(() => ({
  requestDingTalkAuthCode: vi.fn<(corpId: string) => Promise<{ code: string }>>(),
}));
vi.mock('../src/services/sdk-dingtalk.h5', () => dingtalk);
const wecom = vi.hoisted(() => ({ registerWeComSdk: vi.fn() }));
vi.mock('../src/services/sdk-wecom.h5', () => wecom);

const home = { url: '/pages/home/index' };
/** The page the JS-SDK signatures are for, as the server echoes it. */
const page = 'http://localhost:3000/app/';
const liNa = { id: 3, name: '李娜', title: '华北销售总监', department: { id: 2, name: '华北销售部' } };
const wangJianGuo = { id: 1, name: '王建国', title: '总经理', department: { id: 1, name: '总经办' } };

beforeEach(() => {
  router.params = {};
  userAgent(agents.browser);
  window.history.replaceState(null, '', '/app/');
});

describe('登录 in a plain browser', () => {
  test('the sandbox offers its demo users by department; picking 张伟 signs in as him', async () => {
    const { calls } = fakeApi({
      'GET /api/auth/sandbox/users': [200, { users: [wangJianGuo, liNa, zhangWei] }],
      'POST /api/auth/sandbox': signIn(),
    });
    render(<LoginPage />);
    await screen.findByText('选择演示身份');
    expect(screen.getByText('总经办 · 1 人')).toBeTruthy();
    expect(screen.getByText('华北销售部 · 2 人')).toBeTruthy();

    fireEvent.click(screen.getByText('销售经理'));
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(home));
    expect(last(calls)).toMatchObject({ method: 'POST', path: '/api/auth/sandbox', body: { userId: 4 } });
    expect(storedSession()).toMatchObject({ token: 'token-4', user: { name: '张伟' } });
  });

  test('without the sandbox it says where the app must be opened', async () => {
    // A server that is not a sandbox has no such route: the fake answers 404 for it.
    fakeApi({});
    render(<LoginPage />);
    await screen.findByText('请在企业微信或钉钉中打开客联');
    expect(screen.queryByText('重试')).toBeNull();
  });

  test('a server error is shown with a retry that asks again', async () => {
    let answers = 0;
    fakeApi({
      'GET /api/auth/sandbox/users': () =>
        ++answers === 1
          ? problem(503, 'unavailable', '服务器暂时无法处理，请稍后重试')
          : [200, { users: [zhangWei] }],
    });
    render(<LoginPage />);
    await screen.findByText('服务器暂时无法处理，请稍后重试');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('选择演示身份');
  });

  test('a live session skips the page', async () => {
    fakeApi({});
    storeSession();
    render(<LoginPage />);
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(home));
  });
});

describe('登录 inside WeCom (h5)', () => {
  beforeEach(() => userAgent(agents.wecom));

  test('without a code the page goes to WeCom OAuth (snsapi_base) for one', async () => {
    const leave = vi.spyOn(navigation, 'leave').mockImplementation(() => {});
    const { calls } = fakeApi({
      'GET /api/jssdk/wecom/config': [
        200,
        { corpId: 'wwcorp', agentId: '1000002', timestamp: 1, nonceStr: 'n', signature: 's', url: page },
      ],
    });
    render(<LoginPage />);
    await screen.findByText('正在前往企业微信授权…');
    expect(calls[0]?.path).toBe(
      `/api/jssdk/wecom/config?url=${encodeURIComponent('http://localhost:3000/app/')}`,
    );
    const target = new URL(leave.mock.calls[0]![0]);
    expect(target.origin + target.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(Object.fromEntries(target.searchParams)).toMatchObject({
      appid: 'wwcorp',
      redirect_uri: 'http://localhost:3000/app/',
      response_type: 'code',
      scope: 'snsapi_base',
      agentid: '1000002',
      state: sessionStorage.getItem('kelian.oauth.state'),
    });
    expect(target.hash).toBe('#wechat_redirect');
  });

  test('back with a code and its state, the page signs in and clears the code from the address', async () => {
    sessionStorage.setItem('kelian.oauth.state', 'abc123');
    window.history.replaceState(null, '', '/app/?code=CODE42&state=abc123');
    const signature = { timestamp: 1, nonceStr: 'n', signature: 's', url: page };
    const { calls } = fakeApi({
      'POST /api/auth/wecom': signIn(liNa),
      'GET /api/jssdk/wecom/config': [200, { corpId: 'wwcorp', agentId: '1000002', ...signature }],
      'GET /api/jssdk/wecom/agent-config': [200, { corpId: 'wwcorp', agentId: '1000002', ...signature }],
    });
    render(<LoginPage />);
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(home));
    expect(calls.find((c) => c.path === '/api/auth/wecom')?.body).toEqual({ code: 'CODE42', kind: 'oauth' });
    expect(window.location.search).toBe('');
    expect(storedSession()?.user.name).toBe('李娜');

    // Then the JS-SDK is registered, signed by the server for this page.
    await waitFor(() => expect(wecom.registerWeComSdk).toHaveBeenCalled());
    const registration = wecom.registerWeComSdk.mock.calls[0]![0];
    expect(registration).toMatchObject({ corpId: 'wwcorp', agentId: '1000002' });
    await expect(registration.getAgentConfigSignature('http://localhost:3000/app/')).resolves.toMatchObject(
      signature,
    );
    expect(last(calls)?.path).toBe(
      `/api/jssdk/wecom/agent-config?url=${encodeURIComponent('http://localhost:3000/app/')}`,
    );
  });

  test('sent by the chat sidebar, the page goes through OAuth and lands back on the sidebar', async () => {
    // As the h5 router hands it over: still percent-encoded.
    router.params = { back: '%2Fpages%2Fsidebar%2Findex' };
    const leave = vi.spyOn(navigation, 'leave').mockImplementation(() => {});
    fakeApi({
      'GET /api/jssdk/wecom/config': [
        200,
        { corpId: 'wwcorp', agentId: '1000002', timestamp: 1, nonceStr: 'n', signature: 's', url: page },
      ],
      'POST /api/auth/wecom': signIn(liNa),
      'GET /api/jssdk/wecom/agent-config': [
        200,
        { corpId: 'wwcorp', agentId: '1000002', timestamp: 1, nonceStr: 'n', signature: 's', url: page },
      ],
    });
    const first = render(<LoginPage />);
    await screen.findByText('正在前往企业微信授权…');
    const redirect = new URL(new URL(leave.mock.calls[0]![0]).searchParams.get('redirect_uri')!);
    expect(redirect.searchParams.get('back')).toBe('/pages/sidebar/index');
    first.unmount();

    // WeCom comes back to that address (its #route gone), and the app starts at its first page.
    router.params = {};
    const state = sessionStorage.getItem('kelian.oauth.state');
    window.history.replaceState(null, '', `${redirect.pathname}${redirect.search}&code=C1&state=${state}`);
    render(<LoginPage />);
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/sidebar/index' }));
    expect(window.location.search).toBe('');
  });

  test('a return address that is not a page of the app is ignored', async () => {
    router.params = { back: 'https://evil.example/' };
    fakeApi({});
    storeSession();
    render(<LoginPage />);
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(home));
  });

  test('a code with a state this tab did not send is refused', async () => {
    sessionStorage.setItem('kelian.oauth.state', 'mine');
    window.history.replaceState(null, '', '/app/?code=CODE42&state=someone-elses');
    const { calls } = fakeApi({});
    render(<LoginPage />);
    await screen.findByText('登录校验未通过');
    expect(calls).toEqual([]);
  });

  test('someone WeCom knows but Kelian does not is told to ask the administrator', async () => {
    sessionStorage.setItem('kelian.oauth.state', 's1');
    window.history.replaceState(null, '', '/app/?code=C&state=s1');
    fakeApi({ 'POST /api/auth/wecom': problem(403, 'no-account', '你还没有开通客联账号，请联系管理员') });
    render(<LoginPage />);
    await screen.findByText('你还没有开通客联账号，请联系管理员');
  });

  test('after 退出登录 it waits for a tap instead of signing straight back in', async () => {
    router.params = { from: 'logout' };
    const { calls } = fakeApi({});
    render(<LoginPage />);
    await screen.findByText('你已退出登录');
    expect(screen.getByText('重新登录')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});

describe('登录 inside DingTalk (h5)', () => {
  beforeEach(() => userAgent(agents.dingtalk));
  afterEach(() => vi.useRealTimers());

  const config = {
    corpId: 'dingcorp',
    agentId: '123',
    timeStamp: '1',
    nonceStr: 'n',
    signature: 's',
    url: page,
  };

  test('requestAuthCode with the corp id, then the code signs in', async () => {
    dingtalk.requestDingTalkAuthCode.mockResolvedValue({ code: 'DDCODE' });
    const { calls } = fakeApi({
      'GET /api/jssdk/dingtalk/config': [200, config],
      'POST /api/auth/dingtalk': signIn(),
    });
    render(<LoginPage />);
    await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith(home));
    expect(dingtalk.requestDingTalkAuthCode).toHaveBeenCalledWith('dingcorp');
    expect(last(calls)).toMatchObject({ path: '/api/auth/dingtalk', body: { code: 'DDCODE' } });
  });

  test('a client that never answers is given up on after a while, with a retry', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    dingtalk.requestDingTalkAuthCode.mockReturnValue(new Promise(() => {}));
    fakeApi({ 'GET /api/jssdk/dingtalk/config': [200, config] });
    render(<LoginPage />);
    await screen.findByText('正在通过钉钉登录…');
    await vi.advanceTimersByTimeAsync(9000);
    await screen.findByText('钉钉没有返回登录凭证');
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
