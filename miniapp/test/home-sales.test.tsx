import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import HomePage from '../src/pages/home/index';
import { agents, fakeApi, problem, storeSession, userAgent, zhangWei } from './fake-api';
import { figures, managerFigures, task } from './sales-fixtures';
import { salesTaro } from './sales-taro';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

const profile = {
  ...zhangWei,
  administers: false,
  roles: [{ code: 'sales', name: '销售', scope: 'self', scopeDepartment: null }],
};

beforeEach(() => {
  userAgent(agents.browser);
  storeSession();
});

describe('首页 sales cards', () => {
  test("this month's figures against the target, and today's tasks; a task opens 待办", async () => {
    fakeApi({
      'GET /api/me': [200, profile],
      'GET /api/me/figures': [200, figures],
      'GET /api/tasks': [
        200,
        {
          items: [task(1, '回访星河智能', new Date(Date.now() + 3_600_000).toISOString())],
          nextCursor: null,
        },
      ],
    });
    render(<HomePage />);
    await screen.findByText('¥620,000');
    expect(screen.getByText('完成 62%')).toBeTruthy();
    expect(screen.getByText(/目标 ¥1,000,000/)).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('62');
    const counts = [...document.querySelectorAll('.home-figures__count')].map((c) => c.textContent);
    expect(counts).toEqual(['3新客户', '12跟进', '5进行中商机']);
    fireEvent.click(await screen.findByText('回访星河智能'));
    expect(salesTaro.switchTab).toHaveBeenCalledWith({ url: '/pages/tasks/index' });
  });

  test("a manager's 首页 shows her team's month against the team target, and her own below", async () => {
    fakeApi({
      'GET /api/me': [
        200,
        {
          ...profile,
          roles: [{ code: 'manager', name: '销售主管', scope: 'department_tree', scopeDepartment: null }],
        },
      ],
      'GET /api/me/figures': [200, managerFigures],
      'GET /api/tasks': [200, { items: [], nextCursor: null }],
    });
    render(<HomePage />);
    await screen.findByText('¥90,000');
    expect(screen.getByText('华北销售部 · 团队赢单')).toBeTruthy();
    expect(screen.getByText('完成 2%')).toBeTruthy();
    expect(screen.getByText(/目标 ¥5,170,000/)).toBeTruthy();
    expect(screen.getByText('距目标还差 ¥5,080,000 · 在谈 13 单 ¥12,680,000')).toBeTruthy();
    expect(screen.queryByText('本月未设目标')).toBeNull();
    const counts = [...document.querySelectorAll('.home-figures__count')].map((c) => c.textContent);
    expect(counts).toEqual(['6新客户', '41跟进', '13进行中商机']);
    expect(document.querySelector('.home-figures__mine')?.textContent).toBe(
      '我的赢单 ¥0 · 跟进 2 · 在谈 0 单',
    );
  });

  test('without a target the bar says so; no tasks today says so too', async () => {
    fakeApi({
      'GET /api/me': [200, profile],
      'GET /api/me/figures': [200, { ...figures, targetCents: null }],
      'GET /api/tasks': [200, { items: [], nextCursor: null }],
    });
    render(<HomePage />);
    await screen.findByText('本月未设目标');
    await screen.findByText('今天没有待办，去跟进几位客户吧');
  });

  test('each card shows its own failure and retries on its own', async () => {
    let answers = 0;
    fakeApi({
      'GET /api/me': [200, profile],
      'GET /api/me/figures': () =>
        ++answers === 1 ? problem(503, 'unavailable', '服务器暂时无法处理，请稍后重试') : [200, figures],
      'GET /api/tasks': [200, { items: [], nextCursor: null }],
    });
    render(<HomePage />);
    await screen.findByText('业绩加载失败');
    await screen.findByText('今天没有待办，去跟进几位客户吧');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('¥620,000');
  });

  test('the shortcuts open 新建客户, 线索 and the 商机 and 待办 tabs', async () => {
    fakeApi({ 'GET /api/me': [200, profile] });
    render(<HomePage />);
    fireEvent.click(await screen.findByText('新建客户'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/customers/edit' });
    fireEvent.click(screen.getByText('线索公海'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/leads/index' });
    fireEvent.click(screen.getByText('商机'));
    expect(salesTaro.switchTab).toHaveBeenCalledWith({ url: '/pages/opportunities/index' });
    fireEvent.click(screen.getByText('待办'));
    expect(salesTaro.switchTab).toHaveBeenCalledWith({ url: '/pages/tasks/index' });
  });
});
