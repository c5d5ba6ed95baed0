import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import SidebarPage from '../src/pages/sidebar/index';
import { externalContactOf, NotInClientError } from '../src/services/mini';
import { TimeoutError } from '../src/services/timeout';
import { agents, fakeApi, problem, storeSession, userAgent } from './fake-api';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./customers-taro')).withPageTaro(await real()));

// The WeCom client answers getCurExternalContact (through the lazily loaded SDK chunk).
const wecom = vi.hoisted(() => ({
  registerWeComSdk: vi.fn(),
  externalContactOfChat: vi.fn<() => Promise<string>>(),
}));
vi.mock('../src/services/sdk-wecom.h5', () => wecom);

const customer = {
  id: 7,
  kind: 'company',
  name: '星河智能',
  owner: { id: 4, name: '张伟' },
  tags: [],
  contacts: [],
  timeline: [
    {
      type: 'followUp',
      id: 1,
      kind: 'call',
      content: '约了下周演示',
      occurredAt: '2026-11-20T07:00:00Z',
      fieldAccess: { editable: [], revealable: [] },
    },
  ],
  timelineHasMore: false,
  fieldAccess: { editable: [], revealable: [] },
};

beforeEach(() => {
  userAgent(agents.wecom);
  storeSession();
});
afterEach(() => vi.useRealTimers());

describe('the chat sidebar inside WeCom', () => {
  test('shows the customer linked to the chat’s external contact', async () => {
    wecom.externalContactOfChat.mockResolvedValue('wmZhang');
    const { calls } = fakeApi({ 'GET /api/customers/by-external/wmZhang': [200, customer] });
    render(<SidebarPage />);
    await screen.findByText('星河智能');
    expect(screen.getByText('约了下周演示')).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('/api/customers/by-external/wmZhang');
  });

  test('an unknown contact can be made a customer from WeCom’s record', async () => {
    wecom.externalContactOfChat.mockResolvedValue('wmNew');
    const { calls } = fakeApi({
      'GET /api/customers/by-external/wmNew': problem(404, 'not-found', '没有关联的客户'),
      'POST /api/customers/from-external': [201, { ...customer, name: '李女士' }],
    });
    render(<SidebarPage />);
    await screen.findByText('这位微信客户还没有建档');
    fireEvent.click(screen.getByText('为他建立客户档案'));
    await screen.findByText('李女士');
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/customers/from-external',
      body: { externalUserId: 'wmNew' },
    });
  });

  test('a client that never answers is given up on, with a retry', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    wecom.externalContactOfChat.mockReturnValue(new Promise(() => {}));
    const { calls } = fakeApi({});
    render(<SidebarPage />);
    await screen.findByText('正在识别当前客户…');
    await vi.advanceTimersByTimeAsync(9000);
    await screen.findByText('企业微信没有返回当前聊天的客户');
    expect(screen.getByText('重试')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  test('without a session it goes to log in, to come back to the sidebar', async () => {
    localStorage.clear();
    const { calls } = fakeApi({});
    render(<SidebarPage />);
    await vi.waitFor(() =>
      expect(taro.reLaunch).toHaveBeenCalledWith({
        url: '/pages/login/index?back=%2Fpages%2Fsidebar%2Findex',
      }),
    );
    expect(wecom.externalContactOfChat).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  test('in a plain browser, outside any chat, it says where it belongs', async () => {
    userAgent(agents.browser);
    fakeApi({});
    render(<SidebarPage />);
    await screen.findByText('在与客户的聊天中使用');
  });
});

// The WeCom mini-program asks wx.qy.getCurExternalContact (wecom.md §7); each test plays the client.
describe('the chat sidebar in the WeCom mini-program', () => {
  const qy = (
    getCurExternalContact?: (o: { success(r: { userId: string }): void; fail(e: unknown): void }) => void,
  ) => ({
    login: vi.fn(),
    ...(getCurExternalContact ? { getCurExternalContact } : {}),
  });

  test('the chat’s external contact', async () => {
    await expect(externalContactOf(qy(({ success }) => success({ userId: 'wmZhang' })))).resolves.toBe(
      'wmZhang',
    );
  });

  test('outside a chat with a customer, or in plain WeChat, it is "not in the client"', async () => {
    const wrongEntry = qy(({ fail }) =>
      fail({ errMsg: 'getCurExternalContact:fail without context of external contact' }),
    );
    await expect(externalContactOf(wrongEntry)).rejects.toThrow(
      new NotInClientError('当前聊天不是与客户的单聊'),
    );
    await expect(externalContactOf(undefined)).rejects.toBeInstanceOf(NotInClientError);
    await expect(externalContactOf(qy())).rejects.toBeInstanceOf(NotInClientError);
  });

  test('other failures say what WeCom answered; silence runs out after the SDK timeout', async () => {
    await expect(
      externalContactOf(qy(({ fail }) => fail({ errMsg: 'getCurExternalContact:fail no permission' }))),
    ).rejects.toThrow('企业微信无法识别当前客户（getCurExternalContact:fail no permission）');
    vi.useFakeTimers();
    const pending = externalContactOf(qy(() => {}));
    const outcome = expect(pending).rejects.toBeInstanceOf(TimeoutError);
    await vi.advanceTimersByTimeAsync(8000);
    await outcome;
  });
});
