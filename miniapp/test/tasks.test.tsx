import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import TasksPage from '../src/pages/tasks/index';
import { dueText } from '../src/services/sales-format';
import { agents, type Call, fakeApi, last, problem, storeSession, userAgent } from './fake-api';
import { task } from './sales-fixtures';
import { salesTaro } from './sales-taro';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

// 今天 and 即将 part at midnight on a Beijing clock, and the tasks below are due relative to now: at
// 23:40 in Beijing, `visit` (half an hour on) would already be tomorrow's. So the clock reads noon.
const noon = new Date('2026-12-07T04:00:00Z');
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(noon);
});
afterEach(() => {
  vi.useRealTimers();
});

const hour = 3_600_000;
const inHours = (h: number) => new Date(noon.getTime() + h * hour).toISOString();
const call = task(1, '给星河智能打电话确认报价', inHours(-30));
const visit = task(2, '拜访东方贸易', inHours(0.5), { customer: { id: 8, name: '东方贸易' } });
const later = task(3, '发送合同', inHours(72));
const viewOf = (calls: Call[]) => new URL(`http://x${last(calls)?.path}`).searchParams.get('view');

beforeEach(() => {
  userAgent(agents.browser);
  storeSession();
});

describe('待办', () => {
  test("today's tasks, overdue ones marked; 完成 and 推迟1天 act at once and the task leaves the list", async () => {
    const { calls } = fakeApi({
      'GET /api/tasks': [200, { items: [call, visit], nextCursor: null }],
      'POST /api/tasks/1/done': [200, { ...call, status: 'done', doneAt: new Date().toISOString() }],
      'POST /api/tasks/2/postpone': [200, { ...visit, dueAt: inHours(24.5), postponements: 1 }],
    });
    render(<TasksPage />);
    await screen.findByText('给星河智能打电话确认报价');
    expect(viewOf(calls)).toBe('today');
    expect(screen.getByText(/^已逾期 /, { selector: '.task-row__due--late' })).toBeTruthy();

    fireEvent.click(screen.getAllByText('完成', { selector: '.k-row-action' })[0]!);
    await waitFor(() => expect(screen.queryByText('给星河智能打电话确认报价')).toBeNull());
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已完成' }));

    fireEvent.click(screen.getByText('推迟1天'));
    await screen.findByText('今天的待办都处理完了');
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => [c.path, c.body])).toEqual([
      ['/api/tasks/1/done', {}],
      ['/api/tasks/2/postpone', { days: 1 }],
    ]);
  });

  test('a tap opens the customer the task is about', async () => {
    fakeApi({ 'GET /api/tasks': [200, { items: [visit], nextCursor: null }] });
    render(<TasksPage />);
    fireEvent.click(await screen.findByText('拜访东方贸易'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/customers/detail?id=8' });
  });

  test('即将 lists what is due after today; 已完成 what is done', async () => {
    const done = task(4, '寄送样品', inHours(-50), { status: 'done', doneAt: inHours(-49) });
    const { calls } = fakeApi({
      'GET /api/tasks': () => {
        const view = viewOf(calls);
        if (view === 'open') return [200, { items: [visit, later], nextCursor: null }];
        if (view === 'done') return [200, { items: [done], nextCursor: null }];
        return [200, { items: [], nextCursor: null }];
      },
    });
    render(<TasksPage />);
    await screen.findByText('今天的待办都处理完了');
    fireEvent.click(screen.getByText('即将'));
    await screen.findByText('发送合同');
    expect(screen.queryByText('拜访东方贸易')).toBeNull();
    fireEvent.click(screen.getByText('已完成'));
    await screen.findByText('寄送样品');
    expect(screen.queryByText('推迟1天')).toBeNull();
  });

  test('a failed load shows why and retries', async () => {
    let answers = 0;
    fakeApi({
      'GET /api/tasks': () =>
        ++answers === 1
          ? problem(503, 'unavailable', '服务器暂时无法处理，请稍后重试')
          : [200, { items: [later], nextCursor: null }],
    });
    render(<TasksPage />);
    await screen.findByText('待办加载失败');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('发送合同');
  });

  test('due times read on a Beijing clock', () => {
    const now = Date.parse('2026-12-05T02:00:00Z'); // 10:00 in Beijing
    expect(dueText('2026-12-05T06:30:00Z', now)).toBe('今天 14:30');
    expect(dueText('2026-12-05T01:00:00Z', now)).toBe('已逾期 · 09:00');
    expect(dueText('2026-12-06T01:00:00Z', now)).toBe('明天 09:00');
    expect(dueText('2026-12-02T01:00:00Z', now)).toBe('已逾期 3 天');
  });
});
