// The deals grid's pure mappings (pages/grid/deal-columns.ts): an amount typed in yuan as integer
// cents (or no amount at all), the header filters as the API's, the body of an in-place edit, and
// how a cell reads an amount as the field rules presented it.
import { describe, expect, test } from 'vitest';
import { centsOf, dealColumnsOf, dealEditBody, dealFilters } from '../src/pages/grid/deal-columns';
import type { DealColumnInfo, GridDeal } from '../src/services/deal-grid';

const info = (key: string, type: DealColumnInfo['type'], editable = true): DealColumnInfo => ({
  key,
  label: key,
  type,
  sortable: true,
  filterOps: [],
  editable,
  masked: false,
});

describe('amounts typed in yuan', () => {
  test.each([
    ['12500', 1_250_000],
    ['12500.5', 1_250_050],
    ['¥12,500.50', 1_250_050],
    ['0', 0],
    ['0.07', 7],
  ])('%s → %d cents', (text, cents) => expect(centsOf(text)).toBe(cents));

  test.each(['十万', '12.345', '-5', '', '1e5', '12.'])('%j is no amount', (text) =>
    expect(centsOf(text)).toBeNull(),
  );

  test('an edit sends cents, or nothing when the amount is not one; an emptied date is null', () => {
    expect(dealEditBody('amountCents', ' 1,000.10 ')).toEqual({ amountCents: 100_010 });
    expect(dealEditBody('amountCents', '一千')).toBeNull();
    expect(dealEditBody('expectedCloseDate', '')).toEqual({ expectedCloseDate: null });
    expect(dealEditBody('name', ' 二期 ')).toEqual({ name: '二期' });
  });
});

describe('header filters', () => {
  test('an amount filter is at least that many yuan, in cents; stage and owner are choices', () => {
    const columns = [
      info('amountCents', 'number'),
      info('stage', 'choice'),
      info('owner', 'person'),
      info('name', 'text'),
    ];
    expect(dealFilters.toApi(columns, { amountCents: '5000', stage: '3', owner: '7', name: '采购' })).toEqual(
      [
        { column: 'amountCents', op: 'gte', value: 500_000 },
        { column: 'stage', op: 'in', value: ['3'] },
        { column: 'owner', op: 'in', value: [7] },
        { column: 'name', op: 'contains', value: '采购' },
      ],
    );
    expect(dealFilters.toApi(columns, { amountCents: '很多' })).toEqual([]);
  });
});

describe('cells', () => {
  const row = (amountCents: number | string | undefined) =>
    ({
      id: 1,
      name: '年度采购',
      customer: { id: 2, name: '北京星河科技' },
      owner: { id: 3, name: '张伟' },
      stage: {
        id: 4,
        name: '方案报价',
        position: 3,
        probability: 50,
        stalledAfterDays: 10,
        outcome: 'open',
        requiresApproval: false,
      },
      ...(amountCents !== undefined && { amountCents }),
      status: 'open',
      editable: true,
      customFields: {},
    }) as unknown as GridDeal;
  const [amount, probability] = dealColumnsOf(
    [info('amountCents', 'number'), info('probability', 'number', false)],
    [],
    [],
  );

  test('an amount in ¥, a masked one as it came, a hidden one as —; the probability in percent', () => {
    expect(amount!.cell(row(1_250_050))).toBe('¥12,500.50');
    expect(amount!.cell(row('¥****'))).toBe('¥****');
    expect(amount!.cell(row(undefined))).toBe('—');
    expect(amount!.editValue?.(row(1_250_050))).toBe('12500.5');
    expect(probability!.cell(row(0))).toBe('50%');
    expect(probability!.editor).toBeUndefined();
  });

  test('a stage is edited among the open stages only; a closed deal is not edited', () => {
    const open = [{ value: '3', label: '方案报价' }];
    const stageInfo = { ...info('stage', 'choice'), options: [...open, { value: '5', label: '成交' }] };
    const [stage] = dealColumnsOf([stageInfo], [], open);
    expect(stage!.editor).toEqual({ kind: 'choice', options: open });
    expect(stage!.editValue?.(row(0))).toBe('4');
    expect(stage!.editableIn?.({ ...row(0), editable: false })).toBe(false);
  });
});
