import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import AdminRolesPage from '../src/pages/admin/roles';
import AdminUsersPage from '../src/pages/admin/users';
import MePage from '../src/pages/me/index';
import {
  adminProfile,
  departments,
  keyAccounts,
  liuYang,
  preview,
  roles,
  salesRole,
  vocabulary,
  xuMing,
  zhangWeiPerson,
} from './admin-fixtures';
import { agents, type Call, fakeApi, last, problem, storeSession, userAgent, zhangWei } from './fake-api';
import { salesTaro, typeInto } from './sales-taro';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

const adminOnly = problem(403, 'admin-only', '仅管理员可以管理角色与权限');
const queryOf = (calls: Call[]) =>
  new URL(`http://x${last(calls.filter((c) => c.path.startsWith('/api/admin/users')))?.path}`).searchParams;
const sent = (calls: Call[], method: string) => calls.filter((c) => c.method === method);

beforeEach(() => {
  userAgent(agents.browser);
  storeSession({ ...zhangWei, id: 2, name: '徐明' });
});

describe('我的', () => {
  test('an administrator finds 管理后台 there, and it opens 成员', async () => {
    fakeApi({ 'GET /api/me': [200, adminProfile] });
    render(<MePage />);
    fireEvent.click(await screen.findByText('管理后台'));
    expect(salesTaro.navigateTo).toHaveBeenCalledWith({ url: '/pages/admin/users' });
  });
});

describe('成员', () => {
  const setup = (routes: Parameters<typeof fakeApi>[0] = {}) =>
    fakeApi({
      'GET /api/roles': [200, { items: roles }],
      'GET /api/admin/departments': [200, departments],
      'GET /api/admin/users': [200, { items: [xuMing, zhangWeiPerson, liuYang], nextCursor: null }],
      ...routes,
    });

  test('lists people with department, platforms and roles; filters ask the server', async () => {
    const { calls } = setup();
    render(<AdminUsersPage />);
    await screen.findByText('共 3 人');
    expect(queryOf(calls).get('active')).toBe('true');
    const liu = screen
      .getByText('刘洋', { selector: '.admin-row__name' })
      .closest('.admin-row') as HTMLElement;
    expect(within(liu).getByText('无角色')).toBeTruthy();
    expect(within(liu).getByText('企业微信')).toBeTruthy();

    fireEvent.click(screen.getAllByText('无角色')[0]!);
    await waitFor(() => expect(queryOf(calls).get('withoutRole')).toBe('true'));
    fireEvent.click(screen.getByText('华北销售部', { selector: '.admin-chip' }));
    await waitFor(() => expect(queryOf(calls).get('departmentId')).toBe('2'));
    fireEvent.click(screen.getByText('已离职'));
    await waitFor(() => expect(queryOf(calls).get('active')).toBe('false'));
    fireEvent.input(screen.getByPlaceholderText('姓名、手机号、企业微信或钉钉账号'), {
      target: { value: 'ZhangWei' },
    });
    await waitFor(() => expect(queryOf(calls).get('q')).toBe('ZhangWei'));
  });

  test('gives 张伟 a role with the scope chosen, and shows him as the server answers', async () => {
    const withService = {
      ...zhangWeiPerson,
      roles: [
        ...zhangWeiPerson.roles,
        { role: { id: 5, code: 'service', name: '客服' }, scope: 'department', department: null },
      ],
    };
    const { calls } = setup({ 'PUT /api/admin/users/4/roles/5': [200, withService] });
    render(<AdminUsersPage />);
    fireEvent.click(await screen.findByText('张伟', { selector: '.admin-row__name' }));
    const panel = document.querySelector('.admin-panel') as HTMLElement;
    expect(within(panel).getByText('ZhangWei')).toBeTruthy();
    expect(within(panel).getByText('0100102')).toBeTruthy();

    fireEvent.click(within(panel).getByText('客服'));
    fireEvent.click(within(panel).getByText('本部门'));
    fireEvent.click(within(panel).getByText('分配「客服」'));
    await within(panel).findByText('数据范围：本部门（华北销售部）');
    expect(sent(calls, 'PUT')[0]?.body).toEqual({ scope: 'department' });
  });

  test('a refused removal says why in the server’s words and changes nothing', async () => {
    setup({
      'DELETE /api/admin/users/2/roles/1': problem(409, 'last-administrator', '不能移除最后一位管理员'),
    });
    render(<AdminUsersPage />);
    fireEvent.click(await screen.findByText('徐明', { selector: '.admin-row__name' }));
    const panel = document.querySelector('.admin-panel') as HTMLElement;
    fireEvent.click(within(panel).getByText('移除'));
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenLastCalledWith(
        expect.objectContaining({ title: '未能保存', content: '不能移除最后一位管理员' }),
      ),
    );
    expect(within(panel).getByText('数据范围：全公司')).toBeTruthy();
  });

  test('someone who is not an administrator is told so, not offered 重试', async () => {
    setup({ 'GET /api/roles': adminOnly });
    render(<AdminUsersPage />);
    await screen.findByText('仅管理员可以使用管理后台');
    expect(screen.queryByText('重试')).toBeNull();
  });
});

describe('角色与权限', () => {
  const setup = (routes: Parameters<typeof fakeApi>[0] = {}) =>
    fakeApi({
      'GET /api/roles': [200, { items: roles }],
      'GET /api/roles/vocabulary': [200, vocabulary],
      'GET /api/admin/users': [200, { items: [xuMing, zhangWeiPerson], nextCursor: null }],
      ...routes,
    });

  test('creates a role from name, scope, verbs and a field rule', async () => {
    const created = {
      ...keyAccounts,
      id: 12,
      name: '渠道销售',
      defaultScope: 'department_tree',
      fieldRules: { customer: { phone: 'hidden' } },
    };
    const { calls } = setup({ 'POST /api/roles': [201, created] });
    render(<AdminRolesPage />);
    fireEvent.click(await screen.findByText('新建角色'));
    typeInto('如：大客户销售', '渠道销售');
    fireEvent.click(screen.getByText('本部门及下级'));
    fireEvent.click(screen.getByText('修改'));
    const phone = screen.getByText('电话').closest('.admin-rule') as HTMLElement;
    fireEvent.click(within(phone).getByText('隐藏'));
    fireEvent.click(screen.getByText('创建角色'));
    await waitFor(() => expect(sent(calls, 'POST')).toHaveLength(1));
    expect(sent(calls, 'POST')[0]?.body).toEqual({
      name: '渠道销售',
      defaultScope: 'department_tree',
      rights: { customer: ['read', 'edit'] },
      fieldRules: { customer: { phone: 'hidden' } },
    });
    await screen.findByText('编辑「渠道销售」');
    expect(screen.getAllByText('渠道销售').length).toBeGreaterThan(0);
  });

  test('a role without a name is refused with the field’s own words', async () => {
    setup({
      'POST /api/roles': [
        400,
        {
          type: 'urn:kelian:problem:invalid-request',
          title: '请求内容有误，请检查标出的字段',
          status: 400,
          errors: [{ field: 'name', message: '请填写角色名称' }],
        },
      ],
    });
    render(<AdminRolesPage />);
    fireEvent.click(await screen.findByText('新建角色'));
    fireEvent.click(screen.getByText('创建角色'));
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '请填写角色名称' })),
    );
    expect(screen.getByText('新建角色', { selector: '.admin-card__title' })).toBeTruthy();
  });

  test('previews what 张伟 sees under the unsaved rules: a hidden field reads 隐藏', async () => {
    const { calls } = setup({ 'POST /api/roles/preview': [200, preview] });
    render(<AdminRolesPage />);
    fireEvent.click(await screen.findByText('销售', { selector: '.admin-row__name' }));
    const phone = screen.getByText('电话').closest('.admin-rule') as HTMLElement;
    fireEvent.click(within(phone).getByText('隐藏'));
    fireEvent.click(within(document.querySelector('.admin-preview') as HTMLElement).getByText('张伟'));
    await screen.findByText('张伟 的客户列表（最近更新的 2 位）');
    expect(last(sent(calls, 'POST'))?.body).toEqual({
      userId: 4,
      roleId: salesRole.id,
      defaultScope: 'self',
      rights: { customer: ['read', 'edit'] },
      fieldRules: { customer: { phone: 'hidden' } },
    });
    const row = screen.getByText('东方贸易').closest('.admin-preview__row') as HTMLElement;
    expect(within(row).getByText('公海')).toBeTruthy();
    expect(within(row).getByText('隐藏')).toBeTruthy();
    expect(screen.getByText('客户详情：星河智能')).toBeTruthy();
  });

  test('a refused save keeps the draft and says why; a custom role can be deleted, a built-in not', async () => {
    const { calls } = setup({
      'PATCH /api/roles/9': problem(409, 'role-name-taken', '已有名为「销售」的角色'),
      'DELETE /api/roles/9': [204, undefined],
    });
    render(<AdminRolesPage />);
    fireEvent.click(await screen.findByText('销售', { selector: '.admin-row__name' }));
    expect(screen.queryByText('删除角色')).toBeNull();

    fireEvent.click(screen.getByText('大客户销售', { selector: '.admin-row__name' }));
    typeInto('如：大客户销售', '销售');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenLastCalledWith(
        expect.objectContaining({ content: '已有名为「销售」的角色' }),
      ),
    );
    expect(screen.getByText('编辑「大客户销售」')).toBeTruthy();

    fireEvent.click(screen.getByText('删除角色'));
    await waitFor(() => expect(sent(calls, 'DELETE')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('大客户销售')).toBeNull());
  });
});
