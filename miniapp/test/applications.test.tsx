import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import ApplicationsPage from '../src/pages/applications/index';
import NewApplicationPage from '../src/pages/applications/new';
import { agents, type Call, fakeApi, problem, storeSession, userAgent } from './fake-api';
import { salesTaro, typeInto } from './sales-taro';
import { router } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

beforeEach(() => {
  userAgent(agents.browser);
  storeSession();
  router.params = {};
});

const trial = {
  id: 3,
  docType: 'application:3',
  name: '试用申请',
  icon: '🧪',
  color: null,
  active: true,
  fields: [
    { key: 'fee', label: '试用费', kind: 'amount' as const, required: true },
    { key: 'edition', label: '版本', kind: 'choice' as const, required: true, options: ['标准版', '旗舰版'] },
    { key: 'note', label: '说明', kind: 'text' as const, required: false },
  ],
};

const application = {
  id: 41,
  type: { id: 3, name: '试用申请', icon: '🧪', color: null },
  applicant: { id: 4, name: '张伟' },
  customer: null,
  values: { fee: 150_050, edition: '旗舰版' },
  rows: [
    { key: 'fee', label: '试用费', value: '¥1,500.50' },
    { key: 'edition', label: '版本', value: '旗舰版' },
  ],
  status: 'pending' as const,
  statusLabel: '审批中',
  approvalId: 70,
  decidedAt: null,
  createdAt: '2026-12-07T02:00:00.000Z',
};

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path === '/api/applications');

describe('新建申请', () => {
  test('the one type is chosen; the amount in yuan is sent in cents and the approval page opens', async () => {
    const { calls } = fakeApi({
      'GET /api/application-types': [200, { items: [trial] }],
      'POST /api/applications': [201, { application, approvalId: 70 }],
    });
    render(<NewApplicationPage />);
    await screen.findByText('试用费（元）');
    typeInto('金额（元），例如 200000', '1500.50');
    fireEvent.click(screen.getByText('旗舰版'));
    fireEvent.click(screen.getByText('提交审批'));
    await waitFor(() =>
      expect(posts(calls)[0]?.body).toEqual({ typeId: 3, values: { fee: 150_050, edition: '旗舰版' } }),
    );
    await waitFor(() =>
      expect(salesTaro.redirectTo).toHaveBeenCalledWith({ url: '/pages/approvals/detail?id=70' }),
    );
  });

  test('what the server refuses is shown in its words; an amount that is no amount is not sent', async () => {
    const { calls } = fakeApi({
      'GET /api/application-types': [200, { items: [trial] }],
      'POST /api/applications': problem(400, 'application-field-required', '请填写「版本」'),
    });
    render(<NewApplicationPage />);
    await screen.findByText('试用费（元）');
    // Three places after the point is no sum of money in yuan.
    typeInto('金额（元），例如 200000', '1500.123');
    fireEvent.click(screen.getByText('提交审批'));
    await screen.findByText('「试用费」请填写金额，例如 200000 或 200000.50');
    expect(posts(calls)).toEqual([]);
    typeInto('金额（元），例如 200000', '1500');
    fireEvent.click(screen.getByText('提交审批'));
    await screen.findByText('请填写「版本」');
  });
});

describe('我的申请', () => {
  test('lists my applications with their fields and state; a tap opens the approval', async () => {
    fakeApi({ 'GET /api/applications': [200, { items: [application], nextCursor: null }] });
    render(<ApplicationsPage />);
    await screen.findByText('¥1,500.50');
    expect(screen.getByText('审批中')).toBeTruthy();
    fireEvent.click(screen.getByText('¥1,500.50'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/approvals/detail?id=70' });
  });
});
