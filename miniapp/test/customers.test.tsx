import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { customerBadge } from '../src/components/customer-bits';
import { FollowUpForm } from '../src/components/follow-up-form';
import CustomerDetailPage from '../src/pages/customers/detail';
import CustomerEditPage from '../src/pages/customers/edit';
import CustomersPage from '../src/pages/customers/index';
import { pageTaro } from './customers-taro';
import { agents, fakeApi, last, problem, storeSession, userAgent } from './fake-api';
import { deal, stages } from './sales-fixtures';
import { router } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./customers-taro')).withPageTaro(await real()));

const access = { editable: ['name', 'level'], revealable: [] };
const tag = (id: number, name: string) => ({ id, name, color: null, group: { id: 1, name: '客户等级' } });
const xinghe = {
  id: 7,
  kind: 'company',
  name: '北京星河智能科技有限公司',
  level: 'A',
  region: '北京',
  city: '北京',
  industry: '制造业',
  owner: { id: 4, name: '张伟' },
  tags: [tag(1, 'A类客户'), tag(2, '官网')],
  customFields: { budget: '100万', 备注: '老客户' },
  lastFollowUpAt: null,
  fieldAccess: access,
};
const dongfang = { ...xinghe, id: 8, name: '东方贸易', tags: [], owner: null };
const view = {
  ...xinghe,
  contacts: [
    {
      id: 31,
      name: '张总',
      title: '总经理',
      mobile: '138****1234',
      primary: true,
      fieldAccess: { editable: [], revealable: ['mobile'] },
    },
  ],
  timeline: [],
  timelineHasMore: false,
};

beforeEach(() => {
  userAgent(agents.browser);
  storeSession();
  router.params = {};
});

describe('客户 list', () => {
  test('lists the customers with level, tags and owner; a tap opens the customer', async () => {
    fakeApi({ 'GET /api/customers': [200, { items: [xinghe, dongfang], nextCursor: null }] });
    render(<CustomersPage />);
    await screen.findByText('北京星河智能科技有限公司');
    expect(screen.getByText('负责人 张伟')).toBeTruthy();
    expect(screen.getByText('公海客户')).toBeTruthy();
    expect(screen.getByText('官网')).toBeTruthy();
    expect(screen.getByText('共 2 位客户')).toBeTruthy();
    fireEvent.click(screen.getByText('东方贸易'));
    expect(pageTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/customers/detail?id=8' });
  });

  test('the search box asks the server, which matches pinyin and initials', async () => {
    const { calls } = fakeApi({
      'GET /api/customers': () => [200, { items: [xinghe], nextCursor: null }],
    });
    render(<CustomersPage />);
    await screen.findByText('北京星河智能科技有限公司');
    fireEvent.input(screen.getByPlaceholderText('名称、手机尾号、拼音或首字母'), {
      target: { value: 'xhzn' },
    });
    await waitFor(() => expect(last(calls)?.path).toContain('q=xhzn'));
  });

  test('a result its name does not explain shows why it matched', async () => {
    const jincheng = { ...dongfang, id: 9, name: '锦程精密机械有限公司', matchedBy: '联系人 赵文博' };
    fakeApi({ 'GET /api/customers': [200, { items: [jincheng, xinghe], nextCursor: null }] });
    render(<CustomersPage />);
    await screen.findByText('锦程精密机械有限公司');
    expect(screen.getByText('匹配：联系人 赵文博')).toBeTruthy();
    expect(screen.getAllByText(/^匹配：/)).toHaveLength(1);
  });

  test('the owner chips filter; nothing found says so and offers to clear', async () => {
    const { calls } = fakeApi({
      'GET /api/customers': () =>
        last(calls)?.path.includes('owner=pool')
          ? [200, { items: [], nextCursor: null }]
          : [200, { items: [xinghe], nextCursor: null }],
    });
    render(<CustomersPage />);
    await screen.findByText('北京星河智能科技有限公司');
    fireEvent.click(screen.getByText('公海'));
    await screen.findByText('没有找到符合条件的客户');
    fireEvent.click(screen.getByText('清除搜索和筛选'));
    await screen.findByText('北京星河智能科技有限公司');
  });

  test('筛选 offers the tag groups and, to a manager, her colleagues; applying asks the server', async () => {
    const { calls } = fakeApi({
      'GET /api/customers': [200, { items: [xinghe], nextCursor: null }],
      'GET /api/tag-groups': [
        200,
        {
          items: [
            {
              id: 1,
              name: '客户等级',
              exclusive: true,
              fromWeCom: false,
              tags: [{ id: 1, name: 'A类客户', color: null, synced: false }],
            },
            {
              id: 2,
              name: '来源',
              exclusive: false,
              fromWeCom: false,
              tags: [{ id: 3, name: '展会', color: '#2f6bff', synced: false }],
            },
          ],
        },
      ],
      'GET /api/users': [
        200,
        {
          items: [
            { id: 4, name: '张伟', department: { id: 2, name: '华北销售部' } },
            { id: 5, name: '刘洋', department: { id: 2, name: '华北销售部' } },
          ],
        },
      ],
      'GET /api/stages': [200, { items: [] }],
      'GET /api/custom-fields': [200, { items: [] }],
    });
    render(<CustomersPage />);
    await screen.findByText('北京星河智能科技有限公司');
    fireEvent.click(screen.getByText('筛选'));
    fireEvent.click(await screen.findByText('展会'));
    expect(screen.getByText('来源')).toBeTruthy();
    fireEvent.click(screen.getByText('刘洋'));
    fireEvent.click(screen.getByText('查看结果'));
    await waitFor(() => expect(last(calls)?.path).toContain('owner=5'));
    expect(last(calls)?.path).toContain('tags=3');
    expect(screen.getByText('筛选 2')).toBeTruthy();
  });

  test('a failed load shows why and retries', async () => {
    let answers = 0;
    fakeApi({
      'GET /api/customers': () =>
        ++answers === 1
          ? problem(503, 'unavailable', '服务器暂时无法处理，请稍后重试')
          : [200, { items: [xinghe], nextCursor: null }],
    });
    render(<CustomersPage />);
    await screen.findByText('服务器暂时无法处理，请稍后重试');
    fireEvent.click(screen.getByText('重试'));
    await screen.findByText('北京星河智能科技有限公司');
  });

  test('company avatars show the brand, not 公司', () => {
    expect(customerBadge('北京星河智能科技有限公司', 'company')).toBe('星河');
    expect(customerBadge('东方贸易', 'company')).toBe('东方');
    expect(customerBadge('郑桂英', 'person')).toBe('郑桂英');
  });
});

describe('客户 detail', () => {
  beforeEach(() => {
    router.params = { id: '7' };
  });

  const timeline = {
    items: [
      {
        id: 'follow_up:2',
        type: 'follow_up',
        at: '2026-11-20T07:00:00Z',
        title: '拜访跟进',
        body: '谈了报价',
        by: { id: 4, name: '张伟' },
      },
      {
        id: 'created:7',
        type: 'created',
        at: '2026-11-01T02:00:00Z',
        title: '创建了客户',
        body: null,
        by: null,
      },
    ],
    nextCursor: null,
  };

  test('shows header, contacts, labelled custom fields, deals and the timeline newest first', async () => {
    fakeApi({
      'GET /api/customers/7': [200, view],
      'GET /api/customers/7/timeline': [200, timeline],
      'GET /api/custom-fields': [
        200,
        {
          items: [
            {
              id: 1,
              object: 'customer',
              key: 'budget',
              label: '预算',
              type: 'text',
              options: [],
              required: false,
              position: 1,
            },
          ],
        },
      ],
      'GET /api/opportunities': [
        200,
        {
          items: [deal(3, '智能产线改造', stages[2], 120_000_000)],
          nextCursor: null,
        },
      ],
      'GET /api/me': [
        200,
        { id: 4, name: '张伟', title: null, department: null, administers: false, roles: [] },
      ],
    });
    render(<CustomerDetailPage />);
    await screen.findByText('负责人：张伟');
    expect(screen.getByText('A类客户')).toBeTruthy();
    await screen.findByText('预算');
    expect(screen.getByText('100万')).toBeTruthy();
    expect(screen.getByText('备注')).toBeTruthy();
    await screen.findByText('智能产线改造');
    expect(screen.getByText('¥1,200,000')).toBeTruthy();
    await screen.findByText('谈了报价');
    const titles = [...document.querySelectorAll('.timeline__title')].map((e) => e.textContent);
    expect(titles).toEqual(['拜访跟进', '创建了客户']);
    // A sales rep does not hand customers over.
    expect(screen.queryByText('更换负责人')).toBeNull();
  });

  test('a masked mobile shows masked; 查看 asks the server, then the number can be called', async () => {
    const { calls } = fakeApi({
      'GET /api/customers/7': [200, view],
      'GET /api/customers/7/timeline': [200, { items: [], nextCursor: null }],
      'POST /api/customers/7/reveal': [200, { field: 'mobile', contactId: 31, value: '13812341234' }],
    });
    render(<CustomerDetailPage />);
    await screen.findByText('138****1234');
    fireEvent.click(screen.getByText('查看'));
    await screen.findByText('13812341234');
    expect(calls.find((c) => c.path === '/api/customers/7/reveal')?.body).toEqual({
      field: 'mobile',
      contactId: 31,
    });
    fireEvent.click(screen.getByLabelText('拨打 13812341234'));
    expect(pageTaro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13812341234' });
  });

  test('a manager hands the customer to a colleague of her department', async () => {
    const { calls } = fakeApi({
      'GET /api/customers/7': [200, view],
      'GET /api/users': [
        200,
        {
          items: [
            { id: 4, name: '张伟', department: { id: 2, name: '华北销售部' } },
            { id: 5, name: '刘洋', department: { id: 2, name: '华北销售部' } },
          ],
        },
      ],
      'PUT /api/customers/7/owner': [200, { ...view, owner: { id: 5, name: '刘洋' } }],
      'GET /api/customers/7/timeline': [200, { items: [], nextCursor: null }],
      'GET /api/me': [
        200,
        {
          id: 3,
          name: '李娜',
          title: null,
          department: null,
          administers: false,
          roles: [{ code: 'manager', name: '销售主管', scope: 'department_tree', scopeDepartment: null }],
        },
      ],
    });
    render(<CustomerDetailPage />);
    fireEvent.click(await screen.findByText('更换负责人'));
    await screen.findByText('刘洋');
    expect(screen.getAllByText('华北销售部')).toHaveLength(2);
    expect(screen.getByText('当前负责人')).toBeTruthy();
    fireEvent.click(screen.getByText('刘洋'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT' && c.path === '/api/customers/7/owner')?.body).toEqual({
        ownerId: 5,
      }),
    );
    await screen.findByText('负责人：刘洋');
  });

  test('a customer outside the scope reads as missing', async () => {
    fakeApi({ 'GET /api/customers/7': problem(404, 'not-found', '客户不存在') });
    render(<CustomerDetailPage />);
    await screen.findByText('找不到这位客户');
    expect(screen.getByText('它可能已被删除，或不在你的数据范围内。')).toBeTruthy();
  });
});

describe('写跟进', () => {
  test('the server’s field errors show under their fields', async () => {
    fakeApi({
      'POST /api/customers/7/follow-ups': [
        400,
        {
          type: 'urn:kelian:problem:invalid-input',
          title: '请求内容有误',
          status: 400,
          errors: [
            { field: 'content', message: '请填写跟进内容' },
            { field: 'nextAt', message: '下次跟进时间应为带时区的 ISO 时间' },
          ],
        },
      ],
    });
    const onSaved = vi.fn();
    render(<FollowUpForm customerId={7} onSaved={onSaved} />);
    fireEvent.click(screen.getByText('微信'));
    fireEvent.click(screen.getByText('保存跟进'));
    await screen.findByText('请填写跟进内容');
    expect(screen.getByText('下次跟进时间应为带时区的 ISO 时间')).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();
  });

  test('a saved follow-up goes to the server with its kind and is handed back', async () => {
    const saved = { type: 'followUp', id: 9, kind: 'wechat', content: '发了资料', fieldAccess: access };
    const { calls } = fakeApi({ 'POST /api/customers/7/follow-ups': [201, saved] });
    const onSaved = vi.fn();
    render(<FollowUpForm customerId={7} onSaved={onSaved} />);
    fireEvent.click(screen.getByText('微信'));
    fireEvent.click(screen.getByText('保存跟进'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(last(calls)?.body).toEqual({ kind: 'wechat', content: '', nextStep: null, nextAt: null });
  });
});

describe('新建客户', () => {
  test('the server’s field errors show at their fields, and the first one is scrolled into view', async () => {
    const { calls } = fakeApi({
      'GET /api/custom-fields': [200, { items: [] }],
      'POST /api/customers': [
        400,
        {
          type: 'urn:kelian:problem:invalid-input',
          title: '请求内容有误',
          status: 400,
          errors: [{ field: 'name', message: '请填写客户名称' }],
        },
      ],
    });
    render(<CustomerEditPage />);
    fireEvent.click(await screen.findByText('创建客户'));
    await screen.findByText('请填写客户名称');
    expect(screen.getByText('请按提示修改标红的内容')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    await waitFor(() =>
      expect(pageTaro.pageScrollTo).toHaveBeenCalledWith(
        expect.objectContaining({ selector: '.k-field-error' }),
      ),
    );
  });
});
