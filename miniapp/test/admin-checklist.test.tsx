import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import AdminChecklistPage from '../src/pages/admin/checklist';
import { agents, fakeApi, problem, storeSession, userAgent, zhangWei } from './fake-api';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

// 上线检查 as the server answers it: each check with its mark, words and fix; 重新检查 asks again;
// 立即同步 is refused in the server's words while a sync runs; a non-administrator is told so.

const checkedAt = '2026-12-06T07:04:00.000Z';
const check = (id: string, status: 'ok' | 'warn' | 'fail', title: string, fix: string | null = null) => ({
  id,
  platform: id.startsWith('wecom') ? ('wecom' as const) : null,
  status,
  title,
  detail: `${title}的说明`,
  fix,
});
const checks = [
  check('public-url', 'fail', '公网地址使用 HTTPS', '把 PUBLIC_URL 设为 https://你的域名 后重启客联。'),
  check(
    'wecom.callback',
    'warn',
    '企业微信回调地址已通过验证',
    '企业微信管理后台 → 应用管理 → 自建 → 客联 → 接收消息',
  ),
  check('wecom.token', 'ok', '能获取企业微信访问凭证（access_token）'),
];
const run = {
  id: 7,
  platform: 'wecom' as const,
  outcome: 'succeeded' as const,
  requestedAt: checkedAt,
  requestedBy: null,
  startedAt: checkedAt,
  finishedAt: checkedAt,
  report: { users: { created: 3 }, departments: {} },
  error: null,
};
const syncs = [
  { platform: 'wecom' as const, linked: { users: 21, departments: 8 }, latest: run, lastSucceeded: run },
];

beforeEach(() => {
  userAgent(agents.browser);
  storeSession({ ...zhangWei, id: 2, name: '徐明' });
});

describe('上线检查', () => {
  test('shows each check with its mark, its detail and what to do; 重新检查 asks the server again', async () => {
    const { calls } = fakeApi({
      'GET /api/admin/checklist': [200, { checkedAt, checks }],
      'GET /api/admin/org-sync': [200, { items: syncs }],
    });
    render(<AdminChecklistPage />);
    await screen.findByText('还有 1 项需要处理后才能上线');
    expect(screen.getByText('通过 1 项，需注意 1 项，未通过 1 项', { exact: false })).toBeTruthy();
    const https = screen.getByText('公网地址使用 HTTPS').closest('.golive-check') as HTMLElement;
    expect(https.className).toContain('golive-check--fail');
    expect(https.querySelector('.golive-mark')?.textContent).toBe('✕');
    expect(https.textContent).toContain('把 PUBLIC_URL 设为 https://你的域名 后重启客联。');
    const token = screen
      .getByText('能获取企业微信访问凭证（access_token）')
      .closest('.golive-check') as HTMLElement;
    expect(token.querySelector('.golive-fix')).toBeNull();
    expect(screen.getByText('共 21 人 · 8 个部门')).toBeTruthy();
    expect(screen.getByText('人员新增 3，部门无变化')).toBeTruthy();
    const before = calls.filter((c) => c.path === '/api/admin/checklist').length;
    fireEvent.click(screen.getByText('重新检查'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/admin/checklist').length).toBe(before + 1),
    );
  });

  test('立即同步 refused while a sync runs says so in the server’s words', async () => {
    fakeApi({
      'GET /api/admin/checklist': [200, { checkedAt, checks }],
      'GET /api/admin/org-sync': [200, { items: syncs }],
      'POST /api/admin/org-sync/run': problem(
        409,
        'org-sync-running',
        '通讯录正在同步，请等这次同步结束后再试',
      ),
    });
    render(<AdminChecklistPage />);
    fireEvent.click(await screen.findByText('立即同步'));
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenLastCalledWith(
        expect.objectContaining({ title: '未能同步', content: '通讯录正在同步，请等这次同步结束后再试' }),
      ),
    );
  });

  test('someone who is not an administrator is told so, not offered 重试', async () => {
    fakeApi({
      'GET /api/admin/checklist': problem(403, 'forbidden', '只有管理员可以查看上线检查与通讯录同步'),
      'GET /api/admin/org-sync': problem(403, 'forbidden', '只有管理员可以查看上线检查与通讯录同步'),
    });
    render(<AdminChecklistPage />);
    await screen.findByText('仅管理员可以使用管理后台');
    expect(screen.queryByText('重试')).toBeNull();
  });
});
