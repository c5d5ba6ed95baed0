import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import ApprovalDetailPage from '../src/pages/approvals/detail';
import { returnRoute } from '../src/services/api';
import {
  docTypeName,
  documentFacts,
  presetReasonsOf,
  progressLine,
  rowState,
  stepState,
} from '../src/services/approval-format';
import { badgeText } from '../src/services/pending-count';
import { afterLina, lina, pendingRun } from './approvals-fixtures';
import { agents, fakeApi, problem, storeSession, userAgent } from './fake-api';
import { typeInto } from './sales-taro';
import { router, taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

beforeEach(() => {
  userAgent(agents.browser);
  localStorage.clear();
  router.params = { id: '7' };
});

describe('审批 words', () => {
  test('the head line says who approved, how far it is and who it waits for, as the cards do', () => {
    expect(progressLine(pendingRun)).toBe('0/3 · 等待 李娜');
    expect(progressLine(afterLina)).toBe('李娜 已同意 · 1/3 · 等待 赵敏、孙丽');
    const rejected = {
      ...afterLina,
      status: 'rejected' as const,
      timeline: [
        ...afterLina.timeline,
        {
          action: 'reject' as const,
          step: 1,
          actor: { id: 6, name: '赵敏' },
          reason: '付款条件不清',
          targets: [],
          at: '2026-12-06T04:00:00.000Z',
        },
      ],
    };
    expect(progressLine(rejected)).toBe('赵敏 驳回 · 已驳回');
  });

  test('steps: passed, deciding now, still ahead; a stopped run leaves the rest unreached', () => {
    expect([0, 1, 2].map((i) => stepState(afterLina, i))).toEqual(['done', 'current', 'upcoming']);
    expect([0, 1, 2].map((i) => stepState({ status: 'withdrawn', currentStep: 1 }, i))).toEqual([
      'done',
      'done',
      'stopped',
    ]);
    expect([0, 1].map((i) => stepState({ status: 'approved', currentStep: 1 }, i))).toEqual(['done', 'done']);
  });

  test("a contract's figures: the amount to the fen, its number, customer, period and signing date", () => {
    expect(documentFacts('contract', pendingRun.document, pendingRun.figures)).toEqual([
      { label: '合同金额', value: '¥600,000.00' },
      { label: '合同编号', value: 'HT-2026-001' },
      { label: '客户', value: '星河智能' },
      { label: '合同期', value: '2027-01-01 至 2027-12-31' },
      { label: '签约日期', value: '未填写' },
    ]);
  });

  test("any other document shows its card's figures: the big one first, then its rows", () => {
    const figures = {
      title: '信用额度申请 · 星河智能',
      emphasis: { label: '申请额度', value: '¥300,000.00' },
      rows: [
        { label: '客户', value: '星河智能' },
        { label: '账期', value: '月结 60 天' },
      ],
    };
    expect(documentFacts('application:1', { amount: 30_000_000, customer: 12 }, figures)).toEqual([
      { label: '申请额度', value: '¥300,000.00' },
      { label: '客户', value: '星河智能' },
      { label: '账期', value: '月结 60 天' },
    ]);
  });

  test('the head names the kind of document; an administrator type is an application', () => {
    expect(docTypeName('contract')).toBe('合同');
    expect(docTypeName('refund')).toBe('退款');
    expect(docTypeName('application:3')).toBe('申请');
  });

  test('preset reasons come from the flow when it has them, else none (the reason is typed)', () => {
    expect(presetReasonsOf(pendingRun)).toEqual([]);
    const withPresets = { ...pendingRun, flow: { ...pendingRun.flow, presetReasons: ['金额超出预算', 7] } };
    expect(presetReasonsOf(withPresets)).toEqual(['金额超出预算']);
  });

  test('a box row says the step it waits at, or how it ended', () => {
    const item = { ...pendingRun, taskId: 31 };
    expect(rowState(item)).toBe('等待「销售主管审批」');
    expect(rowState({ ...item, status: 'approved', step: null })).toBe('已通过');
  });

  test("首页's badge: nothing for none, the count, 99+ past 99", () => {
    expect([0, 1, 99, 100].map(badgeText)).toEqual([null, '1', '99', '99+']);
  });

  test('a card link to one approval survives 登录 (its id kept), nothing else does', () => {
    expect(returnRoute('%2Fpages%2Fapprovals%2Fdetail%3Fid%3D7')).toBe('/pages/approvals/detail?id=7');
    expect(returnRoute('/pages/approvals/detail?id=7&x=1')).toBeUndefined();
    expect(returnRoute('/pages/approvals/detail?id=abc')).toBeUndefined();
  });
});

describe('审批详情', () => {
  test('opened from a card while signed out, it sends the person to 登录 and back to this approval', async () => {
    fakeApi({});
    render(<ApprovalDetailPage />);
    await waitFor(() =>
      expect(taro.reLaunch).toHaveBeenCalledWith({
        url: `/pages/login/index?back=${encodeURIComponent('/pages/approvals/detail?id=7')}`,
      }),
    );
  });

  test('李娜 sees the figures and the three steps, approves, and the page shows 1/3 waiting for finance', async () => {
    storeSession(lina);
    const { calls } = fakeApi({
      'GET /api/approvals/7': [200, pendingRun],
      'POST /api/approvals/7/approve': [200, afterLina],
    });
    render(<ApprovalDetailPage />);
    await screen.findByText('¥600,000.00');
    expect(screen.getByText('0/3 · 等待 李娜')).toBeTruthy();
    expect([...document.querySelectorAll('.approval-step__name')].map((n) => n.textContent)).toEqual([
      '发起审批',
      '销售主管审批',
      '财务审批',
      '总经理审批',
    ]);
    expect(screen.getByText('或签')).toBeTruthy();
    fireEvent.click(screen.getByText('同意'));
    await screen.findByText('李娜 已同意 · 1/3 · 等待 赵敏、孙丽');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ taskId: 31 });
    expect(screen.queryByText('驳回')).toBeNull();
  });

  test('驳回 needs a reason: an empty one is caught, a typed one is sent with the task', async () => {
    storeSession(lina);
    const rejected = { ...pendingRun, status: 'rejected' as const, myTaskId: null };
    const { calls } = fakeApi({
      'GET /api/approvals/7': [200, pendingRun],
      'POST /api/approvals/7/reject': [200, rejected],
    });
    render(<ApprovalDetailPage />);
    fireEvent.click(await screen.findByText('驳回'));
    fireEvent.click(await screen.findByText('确认驳回'));
    expect(await screen.findByText('请填写驳回理由')).toBeTruthy();
    typeInto('写下驳回的理由，发起人会在聊天里收到', '付款条件需要重新谈');
    fireEvent.click(screen.getByText('确认驳回'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      taskId: 31,
      reason: '付款条件需要重新谈',
    });
    await screen.findByText('已驳回', { selector: '.approval-status' });
  });

  test('a decision someone else made first is told in the server’s words and changes nothing here', async () => {
    storeSession(lina);
    fakeApi({
      'GET /api/approvals/7': [200, pendingRun],
      'POST /api/approvals/7/approve': problem(409, 'approval-already-decided', '孙丽 已处理了这一步'),
    });
    render(<ApprovalDetailPage />);
    fireEvent.click(await screen.findByText('同意'));
    await waitFor(() =>
      expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '孙丽 已处理了这一步' })),
    );
    expect(screen.getByText('0/3 · 等待 李娜')).toBeTruthy();
  });

  test('the submitter sees 撤回 while it is pending, not the approver buttons', async () => {
    storeSession();
    fakeApi({ 'GET /api/approvals/7': [200, { ...pendingRun, myTaskId: null }] });
    render(<ApprovalDetailPage />);
    expect(await screen.findByText('撤回')).toBeTruthy();
    expect(screen.queryByText('同意')).toBeNull();
  });
});
