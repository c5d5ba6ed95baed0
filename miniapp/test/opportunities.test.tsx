import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import OpportunityDetailPage from '../src/pages/opportunities/detail';
import OpportunitiesPage from '../src/pages/opportunities/index';
import { agents, type Call, fakeApi, problem, storeSession, userAgent } from './fake-api';
import { board, dongfang, history, stages, xinghe } from './sales-fixtures';
import { salesTaro, typeInto } from './sales-taro';
import { router, taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

beforeEach(() => {
  userAgent(agents.browser);
  storeSession();
  router.params = {};
});

const posts = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

describe('商机 board', () => {
  test('shows every stage with its count and total in yuan; a tap opens the deal', async () => {
    fakeApi({ 'GET /api/opportunities/board': [200, board] });
    render(<OpportunitiesPage />);
    await screen.findByText('星河智能产线改造');
    const heads = [...document.querySelectorAll('.board-column__head')].map((h) => h.textContent);
    expect(heads).toEqual([
      '初步接洽1¥1,280,000',
      '需求确认0¥0',
      '方案报价1¥350,000.50',
      '本月赢单0¥0',
      '本月输单0¥0',
    ]);
    expect(screen.getByText('¥1,630,000.50')).toBeTruthy();
    expect(screen.getByText('这个阶段暂无商机')).toBeTruthy();
    fireEvent.click(screen.getByText('东方贸易年度采购'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/opportunities/detail?id=12' });
  });

  test('a column with more deals than it lists says how many it shows of how many; 加载更多 adds the next page, its 待审批 marks too', async () => {
    const crowded = board.columns.map((c, i) => (i === 0 ? { ...c, count: 2, nextCursor: 'page-2' } : c));
    const later = { ...dongfang, id: 13, name: '远航物流仓储扩建', stage: stages[0] };
    const { calls } = fakeApi({
      'GET /api/opportunities/board': [200, { ...board, columns: crowded }],
      'GET /api/opportunities/board/stages/1': () => [
        200,
        {
          items: [later],
          nextCursor: null,
          gated: [{ opportunityId: 13, stage: '需求确认', approvalId: 71 }],
        },
      ],
    });
    render(<OpportunitiesPage />);
    expect(await screen.findByText(/显示最近进入的 1 个，共 2 个/)).toBeTruthy();
    expect(document.querySelectorAll('.board-column__more')).toHaveLength(1);
    fireEvent.click(screen.getByText('加载更多'));
    await screen.findByText('远航物流仓储扩建');
    expect(await screen.findByText('待审批 · 进入「需求确认」')).toBeTruthy();
    expect(calls.map((c) => c.path)).toContain('/api/opportunities/board/stages/1?cursor=page-2');
    // The column is whole now: no more line under it.
    expect(document.querySelectorAll('.board-column__more')).toHaveLength(0);
  });

  test('推进 moves a deal to the next stage and shows the board again', async () => {
    let moved = false;
    const { calls } = fakeApi({
      'GET /api/opportunities/board': () => [200, board],
      'POST /api/opportunities/11/stage': () => {
        moved = true;
        return [200, { ...xinghe, stage: stages[1], history }];
      },
    });
    render(<OpportunitiesPage />);
    fireEvent.click(await screen.findByText('推进到 需求确认'));
    await waitFor(() => expect(moved).toBe(true));
    expect(posts(calls, '/api/opportunities/11/stage')[0]?.body).toEqual({ stageId: 2 });
    await waitFor(() =>
      expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已推进到「需求确认」' })),
    );
    await waitFor(() => expect(calls.filter((c) => c.path === '/api/opportunities/board')).toHaveLength(2));
  });

  test('推进 into a gated stage is refused in the server words; the board then shows the deal 待审批', async () => {
    let asked = false;
    fakeApi({
      'GET /api/opportunities/board': () => [
        200,
        asked ? { ...board, gated: [{ opportunityId: 11, stage: '需求确认', approvalId: 70 }] } : board,
      ],
      'POST /api/opportunities/11/stage': () => {
        asked = true;
        return problem(
          409,
          'deal-stage-gated',
          '进入「需求确认」需要审批：已提交阶段审批，通过后商机才会进入这一阶段',
        );
      },
    });
    render(<OpportunitiesPage />);
    fireEvent.click(await screen.findByText('推进到 需求确认'));
    await waitFor(() =>
      expect(taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({
          title: '进入「需求确认」需要审批：已提交阶段审批，通过后商机才会进入这一阶段',
        }),
      ),
    );
    expect(await screen.findByText('待审批 · 进入「需求确认」')).toBeTruthy();
  });

  test('输单 needs a reason: an empty one is refused at the field, a chosen one is sent', async () => {
    const { calls } = fakeApi({
      'GET /api/opportunities/board': () => [200, board],
      'POST /api/opportunities/12/lost': () => [
        200,
        { ...dongfang, status: 'lost', stage: stages[4], lostReason: '预算不足', history },
      ],
    });
    render(<OpportunitiesPage />);
    await screen.findByText('东方贸易年度采购');
    fireEvent.click(screen.getAllByLabelText('更多操作')[1]!);
    fireEvent.click(await screen.findByText('输单'));
    fireEvent.click(await screen.findByText('确认输单'));
    await screen.findByText('请填写输单原因');
    expect(posts(calls, '/api/opportunities/12/lost')).toEqual([]);

    fireEvent.click(screen.getByText('选择了竞争对手'));
    expect(screen.queryByText('请填写输单原因')).toBeNull();
    fireEvent.click(screen.getByText('确认输单'));
    await waitFor(() =>
      expect(posts(calls, '/api/opportunities/12/lost')[0]?.body).toEqual({ reason: '选择了竞争对手' }),
    );
    await waitFor(() =>
      expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记为输单' })),
    );
  });

  test("the server's field error for the reason shows at the field", async () => {
    fakeApi({
      'GET /api/opportunities/board': () => [200, board],
      'POST /api/opportunities/12/lost': [
        400,
        {
          type: 'urn:kelian:problem:invalid-request',
          title: '请求内容有误，请检查标出的字段',
          status: 400,
          errors: [{ field: 'reason', message: '输单原因不能超过 500 个字' }],
        },
      ],
    });
    render(<OpportunitiesPage />);
    await screen.findByText('东方贸易年度采购');
    fireEvent.click(screen.getAllByLabelText('更多操作')[1]!);
    fireEvent.click(await screen.findByText('输单'));
    typeInto('说说为什么丢了这单，团队复盘时用得上', '太长的原因');
    fireEvent.click(screen.getByText('确认输单'));
    await screen.findByText('输单原因不能超过 500 个字');
  });

  test('an empty pipeline says how deals get there', async () => {
    fakeApi({
      'GET /api/opportunities/board': [
        200,
        { gated: [], columns: board.columns.map((c) => ({ ...c, count: 0, amountCents: 0, items: [] })) },
      ],
    });
    render(<OpportunitiesPage />);
    await screen.findByText('还没有商机');
  });

  test('a failed load shows why and retries', async () => {
    let answers = 0;
    fakeApi({
      'GET /api/opportunities/board': () =>
        ++answers === 1 ? problem(503, 'unavailable', '服务器暂时无法处理，请稍后重试') : [200, board],
    });
    render(<OpportunitiesPage />);
    await screen.findByText('商机加载失败');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('星河智能产线改造');
  });
});

describe('商机 detail', () => {
  beforeEach(() => {
    router.params = { id: '11' };
  });

  test('shows the amount, the stage steps and the history; 推进 moves it on', async () => {
    const { calls } = fakeApi({
      'GET /api/opportunities/11': [200, { ...xinghe, history }],
      'GET /api/stages': [200, { items: stages }],
      'POST /api/opportunities/11/stage': [
        200,
        {
          ...xinghe,
          stage: stages[1],
          history: [
            {
              from: stages[0],
              to: stages[1],
              by: { id: 4, name: '张伟' },
              at: '2026-12-03T03:00:00Z',
              note: null,
            },
            ...history,
          ],
        },
      ],
    });
    render(<OpportunityDetailPage />);
    await screen.findByText('¥1,280,000');
    expect(screen.getByText('创建于「初步接洽」')).toBeTruthy();
    fireEvent.click(screen.getByText('推进到「需求确认」'));
    await screen.findByText('初步接洽 → 需求确认');
    expect(posts(calls, '/api/opportunities/11/stage')[0]?.body).toEqual({ stageId: 2 });
    fireEvent.click(screen.getByText('星河智能有限公司 ›'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/customers/detail?id=81' });
  });

  test('a deal out of reach reads as missing', async () => {
    fakeApi({
      'GET /api/opportunities/11': problem(404, 'not-found', '商机不存在'),
      'GET /api/stages': [200, { items: stages }],
    });
    render(<OpportunityDetailPage />);
    await screen.findByText('找不到这个商机');
    fireEvent.click(screen.getByText('返回'));
    expect(salesTaro.navigateBack).toHaveBeenCalled();
  });
});
