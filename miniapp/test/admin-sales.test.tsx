import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import AssignmentRulesPage from '../src/pages/admin/assignment';
import FollowUpRulesPage from '../src/pages/admin/followup-rules';
import StagesPage from '../src/pages/admin/stages';
import TargetsPage from '../src/pages/admin/targets';
import { departments } from './admin-fixtures';
import { agents, type Call, fakeApi, problem, storeSession, userAgent, zhangWei } from './fake-api';
import { eastRule, followUpRule, northRule, renewalRule, sheet, stages } from './sales-settings-fixtures';
import { typeInto } from './sales-taro';
import { taro } from './taro-mock';

// The console's 销售设置 pages against the server's contract: what they show in plain Chinese, what
// they send (what was typed, for the server to judge), and a refusal in the server's words.

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

const sent = (calls: Call[], method: string) => calls.filter((c) => c.method === method);
const invalid = (field: string, message: string): [number, unknown] => [
  400,
  {
    type: 'urn:kelian:problem:invalid-request',
    title: '请求内容有误，请检查标出的字段',
    status: 400,
    errors: [{ field, message }],
  },
];
const refusedWith = (content: string) =>
  waitFor(() =>
    expect(taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '未能保存', content })),
  );
const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

beforeEach(() => {
  userAgent(agents.browser);
  storeSession({ ...zhangWei, id: 2, name: '徐明' });
});

describe('线索分配', () => {
  const setup = (routes: Parameters<typeof fakeApi>[0] = {}) =>
    fakeApi({
      'GET /api/assignment-rules': [200, { items: [northRule, eastRule] }],
      'GET /api/admin/departments': [200, departments],
      ...routes,
    });

  test('lists the rules in order with their conditions and targets in words; 上移 asks for the place above', async () => {
    const { calls } = setup({ 'PATCH /api/assignment-rules/2': [200, { ...eastRule, position: 1 }] });
    render(<AssignmentRulesPage />);
    const row = (await screen.findByText('华北地区')).closest('.admin-row') as HTMLElement;
    expect(within(row).getByText('地区：北京、天津 · 来源：不限 · 行业：不限')).toBeTruthy();
    expect(within(row).getByText('分给华北销售部 · 推送团队认领 · 7 天未跟进退回公海')).toBeTruthy();
    const east = screen.getByText('华东地区').closest('.admin-row') as HTMLElement;
    fireEvent.click(within(east).getByText('上移'));
    await waitFor(() => expect(sent(calls, 'PATCH')[0]?.body).toEqual({ position: 1 }));
  });

  test('a recycle limit of 0 goes to the server as typed; its refusal is shown and the rule stays', async () => {
    const { calls } = setup({
      'PATCH /api/assignment-rules/1': invalid('recycleAfterDays', '回收天数应为 1 到 365 的整数'),
    });
    render(<AssignmentRulesPage />);
    fireEvent.click(await screen.findByText('华北地区'));
    typeInto('不回收', '0');
    typeInto('如：官网表单、展会', '官网表单、展会');
    fireEvent.click(screen.getByText('保存'));
    await refusedWith('回收天数应为 1 到 365 的整数');
    expect(sent(calls, 'PATCH')[0]?.body).toMatchObject({
      recycleAfterDays: 0,
      sources: ['官网表单', '展会'],
      teamId: 2,
    });
    expect(screen.getByText('分给华北销售部 · 推送团队认领 · 7 天未跟进退回公海')).toBeTruthy();
  });

  test('someone who is not an administrator is told so', async () => {
    setup({ 'GET /api/assignment-rules': problem(403, 'forbidden', '只有管理员可以设置线索分配规则') });
    render(<AssignmentRulesPage />);
    await screen.findByText('仅管理员可以使用管理后台');
  });
});

describe('跟进规则', () => {
  test('says when each rule acts and what it does; a lead sent to the pool is refused', async () => {
    const { calls } = fakeApi({
      'GET /api/followup-rules': [200, { items: [followUpRule, renewalRule] }],
      'PATCH /api/followup-rules/1': invalid('action', '只有客户可以退回公海'),
    });
    render(<FollowUpRulesPage />);
    await screen.findByText('首次跟进后 3 天 → 给负责人创建待办「回访」');
    expect(screen.getByText('「合同到期日」前 15 天 → 给负责人创建待办「续约提醒」')).toBeTruthy();
    fireEvent.click(screen.getByText('首次跟进后 3 天回访'));
    const editor = document.querySelector('.admin-split__detail') as HTMLElement;
    fireEvent.click(within(editor).getByText('线索'));
    fireEvent.click(within(editor).getByText('退回公海'));
    fireEvent.click(within(editor).getByText('保存'));
    await refusedWith('只有客户可以退回公海');
    expect(sent(calls, 'PATCH')[0]?.body).toMatchObject({
      object: 'lead',
      trigger: 'event',
      event: 'created',
      action: 'pool',
      taskTitle: null,
    });
  });
});

describe('销售阶段', () => {
  test('shows each stage’s probability and stall limit; a stall limit typed as text goes to the server as typed', async () => {
    const { calls } = fakeApi({
      'GET /api/stages': [200, { items: stages }],
      'PATCH /api/stages/2': invalid('stalledAfterDays', '停滞天数应为 1 到 365 的整数'),
    });
    render(<StagesPage />);
    const quote = (await screen.findByText('方案报价')).closest('.admin-row') as HTMLElement;
    expect(within(quote).getByText('赢率 50% · 停留超过 10 天提醒')).toBeTruthy();
    expect(screen.getByText('赢率 100% · 商机赢单后进入')).toBeTruthy();
    fireEvent.click(quote);
    typeInto('不提醒', '十天');
    fireEvent.click(screen.getByText('保存'));
    await refusedWith('停滞天数应为 1 到 365 的整数');
    expect(sent(calls, 'PATCH')[0]?.body).toEqual({
      name: '方案报价',
      probability: 50,
      stalledAfterDays: '十天',
      requiresApproval: false,
    });
  });
});

describe('业绩目标', () => {
  test('a target typed in 万元 is saved in cents when the box is left; a refused one is put back', async () => {
    let refuse = true;
    const { calls } = fakeApi({
      'GET /api/targets/sheet': [200, sheet(month)],
      'PUT /api/targets': () =>
        refuse
          ? (problem(400, 'target-user-left', '刘洋 已离职，不能再为他设置销售目标') as [number, unknown])
          : [
              200,
              {
                id: 9,
                user: { id: 4, name: '张伟' },
                department: null,
                month,
                amountCents: 100_0000_00,
                achievedCents: 120_0000_00,
              },
            ],
    });
    render(<TargetsPage />);
    const liu = (await screen.findByText('刘洋')).closest('.sales-target') as HTMLElement;
    const team = screen.getByText('华北销售部').closest('.sales-target') as HTMLElement;
    expect(within(team).getByText('¥2,500,000')).toBeTruthy();
    expect(within(team).getByText('50%')).toBeTruthy();
    const box = liu.querySelector('input') as HTMLInputElement;
    expect(box.value).toBe('88');
    fireEvent.input(box, { target: { value: '90' } });
    fireEvent.blur(box);
    await refusedWith('刘洋 已离职，不能再为他设置销售目标');
    await waitFor(() => expect(box.value).toBe('88'));

    refuse = false;
    const zhang = screen.getByText('张伟').closest('.sales-target') as HTMLElement;
    const empty = zhang.querySelector('input') as HTMLInputElement;
    fireEvent.input(empty, { target: { value: '100' } });
    fireEvent.blur(empty);
    await waitFor(() => expect(sent(calls, 'PUT')).toHaveLength(2));
    expect(sent(calls, 'PUT')[1]?.body).toEqual({ month, userId: 4, amountCents: 100_0000_00 });
    expect(sent(calls, 'PUT')[0]?.body).toEqual({ month, userId: 5, amountCents: 90_0000_00 });
  });
});
