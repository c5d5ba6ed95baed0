import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import AdminAuditPage from '../src/pages/admin/audit';
import { periodRange } from '../src/pages/admin/audit-period';
import { moved } from '../src/pages/admin/data-move';
import AdminFieldsPage from '../src/pages/admin/fields';
import { xuMing, zhangWeiPerson } from './admin-fixtures';
import { agents, type Call, fakeApi, last, problem, storeSession, userAgent, zhangWei } from './fake-api';
import { typeInto } from './sales-taro';
import { taro } from './taro-mock';

vi.mock('@tarojs/taro', async (real) => (await import('./sales-taro')).withSalesTaro(await real()));

// The console's 自定义字段 and 操作日志 against a fake server held to the API's contract.

beforeEach(() => {
  userAgent(agents.browser);
  storeSession({ ...zhangWei, id: 2, name: '徐明' });
});

const sent = (calls: Call[], method: string) => calls.filter((c) => c.method === method);

const staff = {
  id: 7,
  object: 'customer',
  key: '人数',
  label: '员工人数',
  type: 'text',
  options: [],
  required: false,
  position: 0,
} as const;
const budget = { ...staff, id: 8, object: 'lead', key: '预算', label: '预算范围', type: 'number' } as const;

describe('自定义字段', () => {
  test('each object its own fields; a refused type change says how many records stand in the way', async () => {
    const refusal = '12 个客户的「员工人数」值不是数字，不能改为数字字段；请先修改或清空这些值';
    const { calls } = fakeApi({
      'GET /api/custom-fields': [200, { items: [staff, budget] }],
      'PATCH /api/custom-fields/7': problem(409, 'custom-field-values-unfit', refusal),
    });
    render(<AdminFieldsPage />);
    await screen.findByText('客户共 1 个自定义字段');
    expect(screen.queryByText('预算范围')).toBeNull();
    fireEvent.click(screen.getByText('线索'));
    await screen.findByText('预算范围');
    fireEvent.click(screen.getByText('客户'));

    fireEvent.click(await screen.findByText('员工人数', { selector: '.admin-row__name' }));
    const editor = document.querySelector('.data-editor') as HTMLElement;
    fireEvent.click(within(editor).getByText('数字'));
    fireEvent.click(within(editor).getByText('保存'));
    await waitFor(() =>
      expect(taro.showModal).toHaveBeenLastCalledWith(
        expect.objectContaining({ title: '未能保存', content: refusal }),
      ),
    );
    expect(last(sent(calls, 'PATCH'))?.body).toEqual({
      label: '员工人数',
      type: 'number',
      required: false,
      position: 0,
    });
    const row = screen.getByText('员工人数', { selector: '.admin-row__name' }).closest('.admin-row');
    expect(within(row as HTMLElement).getByText('文字')).toBeTruthy();
  });

  test('a new choice field is sent with its options, its key the name when left blank', async () => {
    const created = {
      ...staff,
      id: 9,
      key: '规模',
      label: '规模',
      type: 'select',
      options: ['小型', '大型'],
    };
    const { calls } = fakeApi({
      'GET /api/custom-fields': [200, { items: [] }],
      'POST /api/custom-fields': [201, created],
    });
    render(<AdminFieldsPage />);
    fireEvent.click(await screen.findByText('新建字段'));
    typeInto('如：员工人数', '规模');
    fireEvent.click(screen.getByText('单选'));
    for (const option of ['小型', '大型']) {
      typeInto('新选项', option);
      fireEvent.click(screen.getByText('添加选项'));
    }
    fireEvent.click(screen.getByText('创建字段'));
    await waitFor(() => expect(sent(calls, 'POST')).toHaveLength(1));
    expect(sent(calls, 'POST')[0]?.body).toEqual({
      object: 'customer',
      key: '规模',
      label: '规模',
      type: 'select',
      options: ['小型', '大型'],
      required: false,
      position: 0,
    });
    await screen.findByText('编辑「规模」');
  });
});

describe('操作日志', () => {
  const entry = {
    id: 31,
    at: '2026-12-06T07:20:00.000Z',
    actor: { id: 2, name: '徐明' },
    action: 'update',
    objectType: 'customer',
    objectId: '15',
    changes: {
      owner: { before: 4, after: 2 },
      level: { before: 'B', after: 'A' },
      customFields: { before: { 人数: 120 }, after: { 人数: 150 } },
    },
    via: 'api',
    requestId: 'r1',
  } as const;

  const tagMade = {
    ...entry,
    id: 30,
    action: 'create',
    objectType: 'tag',
    objectId: '40',
    changes: { name: { before: null, after: '战略客户' }, group: { before: null, after: 2 } },
  } as const;

  test('each change reads as field, before → after, in Chinese; filters ask the server', async () => {
    const { calls } = fakeApi({
      'GET /api/admin/users': [200, { items: [xuMing, zhangWeiPerson], nextCursor: null }],
      'GET /api/audit': [200, { items: [entry, tagMade], nextCursor: null }],
    });
    render(<AdminAuditPage />);
    const card = (await screen.findByText('客户 #15')).closest('.audit-entry') as HTMLElement;
    const line = (field: string) => within(card).getByText(field).closest('.audit-change')?.textContent;
    expect(line('负责人')).toBe('负责人张伟→徐明');
    expect(line('等级')).toBe('等级B→A');
    expect(line('自定义字段')).toBe('自定义字段人数：120→人数：150');
    expect(within(card).getByText('修改')).toBeTruthy();
    expect(screen.getByText('标签「战略客户」 #40')).toBeTruthy();

    const query = () =>
      new URL(`http://x${last(calls.filter((c) => c.path.startsWith('/api/audit')))?.path}`);
    fireEvent.click(screen.getByText('删除', { selector: '.admin-chip' }));
    await waitFor(() => expect(query().searchParams.get('action')).toBe('delete'));
    fireEvent.click(screen.getByText('标签组', { selector: '.admin-chip' }));
    await waitFor(() => expect(query().searchParams.get('objectType')).toBe('tagGroup'));
    fireEvent.click(screen.getByText('今天', { selector: '.admin-chip' }));
    await waitFor(() => expect(query().searchParams.get('from')).toBe(periodRange({ key: 'today' }).from));
  });

  test('periods are whole days on the device’s calendar, the last day included', () => {
    const now = new Date(2026, 11, 6, 15, 20);
    const at = (iso: string | undefined) => new Date(iso!).getTime();
    expect(at(periodRange({ key: 'today' }, now).from)).toBe(new Date(2026, 11, 6).getTime());
    expect(at(periodRange({ key: 'week' }, now).from)).toBe(new Date(2026, 10, 30).getTime());
    const custom = periodRange({ key: 'custom', first: '2026-11-28', last: '2026-12-01' }, now);
    expect(at(custom.from)).toBe(new Date(2026, 10, 28).getTime());
    expect(at(custom.to)).toBe(new Date(2026, 11, 2).getTime());
    expect(periodRange({ key: 'all' }, now)).toEqual({});
  });

  test('上移 / 下移 send the whole list with one item moved a place, never past either end', () => {
    expect(moved([4, 7, 9], 2, -1)).toEqual([4, 9, 7]);
    expect(moved([4, 7, 9], 0, 1)).toEqual([7, 4, 9]);
    expect(moved([4, 7, 9], 0, -1)).toBeUndefined();
    expect(moved([4, 7, 9], 2, 1)).toBeUndefined();
  });

  test('someone who is not an administrator is told so', async () => {
    fakeApi({ 'GET /api/admin/users': problem(403, 'forbidden', '只有管理员可以查看审计日志') });
    render(<AdminAuditPage />);
    await screen.findByText('仅管理员可以使用管理后台');
  });
});
