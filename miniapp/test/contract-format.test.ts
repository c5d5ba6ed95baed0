import { describe, expect, test } from 'vitest';
import { fieldLabel, valuesFromText, valuesToText, withoutNode } from '../src/pages/admin/flow-words';
import type { FlowDefinition } from '../src/services/approval-flows';
import {
  attachmentProblem,
  centsToYuanText,
  contractFields,
  contractFormErrors,
  emptyContractForm,
  fileSize,
  yuanToCents,
} from '../src/services/contract-format';

const form = {
  number: 'HT-2026-001',
  name: '年度框架合同',
  amount: '600,000',
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  signedDate: '',
};

describe('the contract form', () => {
  test('an amount typed in yuan becomes integer cents; anything else is no amount', () => {
    expect(['600000', '¥600,000.00', '600000.5', '0.01', ' 1 234 '].map(yuanToCents)).toEqual([
      60_000_000, 60_000_000, 60_000_050, 1, 123_400,
    ]);
    expect(['-5', '0', '1.234', 'abc', '', '1e5'].map(yuanToCents)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect([60_000_000, 60_000_050, 1].map(centsToYuanText)).toEqual(['600000', '600000.50', '0.01']);
  });

  test('each missing or impossible field has its Chinese message', () => {
    expect(contractFormErrors(emptyContractForm)).toEqual({
      number: '请填写合同编号',
      name: '请填写合同名称',
      amount: '请填写合同金额',
      startDate: '请选择开始日期',
      endDate: '请选择结束日期',
    });
    expect(contractFormErrors({ ...form, amount: '-100', endDate: '2026-12-31' })).toEqual({
      amount: '合同金额应为大于 0 的数字，最多两位小数',
      endDate: '结束日期不能早于开始日期',
    });
    expect(contractFormErrors(form)).toEqual({});
  });

  test('a good form goes to the API in cents, the empty signing date as null', () => {
    expect(contractFields({ ...form, number: ' HT-2026-001 ' })).toEqual({
      number: 'HT-2026-001',
      name: '年度框架合同',
      amountCents: 60_000_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      signedDate: null,
    });
  });

  test('a scan over 20 MB or an empty one is stopped before it is sent', () => {
    expect(attachmentProblem({ size: 20 * 1024 * 1024 })).toBeNull();
    expect(attachmentProblem({ size: 21 * 1024 * 1024 })).toBe(
      '附件不能超过 20 MB（这个文件 21.0 MB），请压缩或分成几份上传',
    );
    expect(attachmentProblem({ size: 0 })).toBe('附件是空文件，请重新选择');
    expect([300, 823 * 1024, 3.25 * 1024 * 1024].map(fileSize)).toEqual(['1 KB', '823 KB', '3.3 MB']);
  });
});

describe('the flow editor', () => {
  const money = { field: 'amountCents', label: '合同金额（分）', kind: 'number' };

  test('money rules are typed in yuan and kept in cents; text stays text', () => {
    expect(valuesFromText('500000', money)).toEqual([50_000_000]);
    expect(valuesFromText('100000, 500000', money)).toEqual([10_000_000, 50_000_000]);
    expect(valuesToText([50_000_000], 'amountCents')).toBe('500000');
    expect(valuesFromText('华北，华东', { field: 'region', label: '地区', kind: 'text' })).toEqual([
      '华北',
      '华东',
    ]);
    expect(fieldLabel([money], 'amountCents')).toBe('合同金额（元）');
  });

  test('removing a node ends every path that led to it instead of leaving a dangling link', () => {
    const flow: FlowDefinition = {
      start: 'amount',
      nodes: [
        {
          id: 'amount',
          kind: 'condition',
          name: '金额',
          branches: [{ name: '大额', when: [], next: 'finance' }],
          otherwise: 'manager',
        },
        {
          id: 'manager',
          kind: 'approve',
          name: '主管',
          approvers: { type: 'manager', level: 1 },
          mode: 'any',
          next: 'finance',
        },
        {
          id: 'finance',
          kind: 'approve',
          name: '财务',
          approvers: { type: 'role', role: 'finance' },
          mode: 'any',
          next: null,
        },
      ],
    };
    const without = withoutNode(flow, 'finance');
    expect(without.nodes.map((n) => n.id)).toEqual(['amount', 'manager']);
    expect(JSON.stringify(without)).not.toContain('"finance"');
    expect(withoutNode(flow, 'amount').start).toBeNull();
  });
});
