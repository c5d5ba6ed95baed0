import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import LeadDetailPage from '../src/pages/leads/detail';
import LeadsPage from '../src/pages/leads/index';
import { agents, type Call, fakeApi, last, problem, storeSession, userAgent, zhangWei } from './fake-api';
import { lead } from './sales-fixtures';
import { salesTaro, typeInto } from './sales-taro';
import { router, taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

const rep = {
  ...zhangWei,
  administers: false,
  roles: [{ code: 'sales', name: '销售', scope: 'self', scopeDepartment: null }],
};
const manager = {
  ...zhangWei,
  administers: false,
  roles: [{ code: 'manager', name: '销售主管', scope: 'department_tree', scopeDepartment: null }],
};
const blueSea = lead(21, '蓝海汽车零部件');
const redStar = lead(22, '红星电子');
const mine = lead(23, '远景物流', {
  status: 'claimed',
  owner: { id: 4, name: '张伟' },
  claimedAt: '2026-12-02T02:00:00Z',
  claimable: false,
});

const viewOf = (calls: Call[]) => new URL(`http://x${last(calls)?.path}`).searchParams.get('view');
const poolLists = (calls: Call[]) => calls.filter((c) => c.path.startsWith('/api/leads?view=pool')).length;

beforeEach(() => {
  userAgent(agents.browser);
  storeSession();
  router.params = {};
});

describe('线索 list', () => {
  test('no leads of my own: says so and takes me to the pool, where I claim one', async () => {
    const { calls } = fakeApi({
      'GET /api/me': [200, rep],
      'GET /api/leads': () => [
        200,
        { items: viewOf(calls) === 'pool' ? [blueSea, redStar] : [], nextCursor: null },
      ],
      'POST /api/leads/21/claim': [200, { ...blueSea, status: 'claimed', owner: { id: 4, name: '张伟' } }],
    });
    render(<LeadsPage />);
    await screen.findByText('你还没有线索');
    // A rep sees no 团队 tab.
    expect(screen.queryByText('团队')).toBeNull();
    fireEvent.click(screen.getByText('去公海看看'));
    await screen.findByText('蓝海汽车零部件');
    expect(screen.getAllByText('王经理 · 139****5678')).toHaveLength(2);
    fireEvent.click(screen.getAllByText('认领')[0]!);
    await waitFor(() => expect(screen.queryByText('蓝海汽车零部件')).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/leads/21/claim']);
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '认领成功，记得尽快跟进' }));
    expect(screen.getByText('红星电子')).toBeTruthy();
  });

  test('a colleague was quicker: the page says who has the lead and shows the pool as it now is', async () => {
    const { calls } = fakeApi({
      'GET /api/me': [200, rep],
      'GET /api/leads': () => [
        200,
        { items: poolLists(calls) <= 1 ? [blueSea, redStar] : [redStar], nextCursor: null },
      ],
      'POST /api/leads/21/claim': problem(409, 'lead-taken', '手慢了，这条线索已被 李娜 认领'),
    });
    render(<LeadsPage />);
    fireEvent.click(await screen.findByText('公海'));
    await screen.findByText('蓝海汽车零部件');
    fireEvent.click(screen.getAllByText('认领')[0]!);
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ title: '没抢到', content: '手慢了，这条线索已被 李娜 认领' }),
      ),
    );
    await waitFor(() => expect(screen.queryByText('蓝海汽车零部件')).toBeNull());
    expect(screen.getByText('红星电子')).toBeTruthy();
    expect(viewOf(calls)).toBe('pool');
  });

  test('managers also see the team tab; a tap opens the lead', async () => {
    const { calls } = fakeApi({
      'GET /api/me': [200, manager],
      'GET /api/leads': () => [200, { items: viewOf(calls) === 'team' ? [mine] : [], nextCursor: null }],
    });
    render(<LeadsPage />);
    fireEvent.click(await screen.findByText('团队'));
    await screen.findByText('远景物流');
    expect(screen.getByText(/张伟 负责/)).toBeTruthy();
    fireEvent.click(screen.getByText('远景物流'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/leads/detail?id=23' });
  });

  test('a failed load shows why and retries', async () => {
    let answers = 0;
    fakeApi({
      'GET /api/me': [200, rep],
      'GET /api/leads': () =>
        ++answers === 1
          ? problem(503, 'unavailable', '服务器暂时无法处理，请稍后重试')
          : [200, { items: [mine], nextCursor: null }],
    });
    render(<LeadsPage />);
    await screen.findByText('线索加载失败');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('远景物流');
  });
});

describe('线索 detail', () => {
  beforeEach(() => {
    router.params = { id: '23' };
  });

  test('转化 with a suspected duplicate lets me pick the customer to merge into', async () => {
    const duplicate = {
      type: 'urn:kelian:problem:duplicate-customer',
      title: '可能与已有客户重复',
      status: 409,
      duplicates: [
        {
          id: 7,
          kind: 'company',
          name: '远景物流有限公司',
          owner: { id: 4, name: '张伟' },
          matchedOn: ['name'],
        },
      ],
      hiddenCount: 1,
    };
    const { calls } = fakeApi({
      'GET /api/leads/23': [200, mine],
      'POST /api/leads/23/convert': ({ body }) =>
        (body as { customerId?: number }).customerId === 7
          ? [200, { lead: { ...mine, status: 'converted', customerId: 7 }, customerId: 7, opportunityId: 31 }]
          : [409, duplicate],
    });
    render(<LeadDetailPage />);
    fireEvent.click(await screen.findByText('转化为客户'));
    await screen.findByText('远景物流有限公司');
    expect(screen.getByText('名称相同 · 张伟')).toBeTruthy();
    expect(screen.getByText(/另有 1 位相似客户/)).toBeTruthy();
    fireEvent.click(screen.getByText('合并到已有客户'));
    await waitFor(() =>
      expect(salesTaro.redirectTo).toHaveBeenCalledWith({ url: '/pages/customers/detail?id=7' }),
    );
    const converts = calls.filter((c) => c.path === '/api/leads/23/convert').map((c) => c.body);
    expect(converts).toEqual([{}, { customerId: 7 }]);
  });

  test('转化 with a suspected duplicate that is not one: 仍新建客户 sends force', async () => {
    const { calls } = fakeApi({
      'GET /api/leads/23': [200, mine],
      'POST /api/leads/23/convert': ({ body }) =>
        (body as { force?: boolean }).force
          ? [
              200,
              { lead: { ...mine, status: 'converted', customerId: 40 }, customerId: 40, opportunityId: 32 },
            ]
          : [
              409,
              {
                type: 'urn:kelian:problem:duplicate-customer',
                title: '可能与已有客户重复',
                status: 409,
                duplicates: [{ id: 7, kind: 'company', name: '远景物流有限公司', matchedOn: ['name'] }],
                hiddenCount: 0,
              },
            ],
    });
    render(<LeadDetailPage />);
    fireEvent.click(await screen.findByText('转化为客户'));
    fireEvent.click(await screen.findByText('不是同一客户，仍新建客户'));
    await waitFor(() =>
      expect(salesTaro.redirectTo).toHaveBeenCalledWith({ url: '/pages/customers/detail?id=40' }),
    );
    const converts = calls.filter((c) => c.path === '/api/leads/23/convert').map((c) => c.body);
    expect(converts).toEqual([{}, { force: true }]);
  });

  test('无效 needs a reason before it is sent', async () => {
    const { calls } = fakeApi({
      'GET /api/leads/23': [200, mine],
      'POST /api/leads/23/invalid': ({ body }) => [
        200,
        { ...mine, status: 'invalid', note: (body as { reason: string }).reason },
      ],
    });
    render(<LeadDetailPage />);
    fireEvent.click(await screen.findByText('无效'));
    fireEvent.click(await screen.findByText('标记无效'));
    await screen.findByText('请填写无效原因');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    typeInto('例如：电话是空号', '客户说没有采购计划');
    fireEvent.click(screen.getByText('标记无效'));
    await screen.findByText('客户说没有采购计划');
    expect(last(calls)?.body).toEqual({ reason: '客户说没有采购计划' });
    expect(screen.getByText('无效', { selector: '.k-status' })).toBeTruthy();
  });

  test('a pool lead is claimed from its page; a lead out of reach reads as missing', async () => {
    router.params = { id: '21' };
    fakeApi({
      'GET /api/leads/21': [200, blueSea],
      'POST /api/leads/21/claim': [
        200,
        { ...blueSea, status: 'claimed', owner: { id: 4, name: '张伟' }, claimable: false },
      ],
    });
    const { unmount } = render(<LeadDetailPage />);
    fireEvent.click(await screen.findByText('认领这条线索'));
    await screen.findByText('转化为客户');
    expect(screen.getByText(/负责人：张伟/)).toBeTruthy();
    unmount();

    router.params = { id: '99' };
    fakeApi({ 'GET /api/leads/99': problem(404, 'not-found', '线索不存在') });
    render(<LeadDetailPage />);
    await screen.findByText('找不到这条线索');
  });
});
