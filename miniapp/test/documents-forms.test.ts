// The new pages' pure rules: 退款's figures (the server's refundable rule), 转合同's filled-in terms,
// and what the 产品 editor refuses before the server does.
import { describe, expect, test } from 'vitest';
import { productDraftProblem } from '../src/pages/admin/product-draft';
import { defaultTerms, yearFrom } from '../src/pages/quotes/contract-terms';
import { refundFigures } from '../src/pages/receivables/refund-figures';
import type { ContractPlan, Refund } from '../src/services/receivables';

describe('退款 figures', () => {
  const receipt = (amountCents: number) => ({ amountCents }) as ContractPlan['receipts'][number];
  const refund = (amountCents: number, status: Refund['status']) => ({ amountCents, status }) as Refund;

  test('in, back (negative receipts), under approval, and what is left to ask for', () => {
    const plan = {
      receipts: [receipt(3_000_000), receipt(4_000_000), receipt(-3_000_000)],
      totals: { receivedCents: 4_000_000 },
    } as ContractPlan;
    expect(
      refundFigures(plan, [
        refund(3_000_000, 'approved'),
        refund(1_000_000, 'pending'),
        refund(500, 'rejected'),
      ]),
    ).toEqual({
      inCents: 7_000_000,
      refundedCents: 3_000_000,
      pendingCents: 1_000_000,
      refundableCents: 3_000_000,
    });
  });

  test('never below nothing', () => {
    const plan = { receipts: [], totals: { receivedCents: 0 } } as unknown as ContractPlan;
    expect(refundFigures(plan, []).refundableCents).toBe(0);
  });
});

describe('转合同 terms', () => {
  test('a year from the start, the day before its anniversary, leap years included', () => {
    expect(['2026-12-07', '2024-02-29', '2027-01-01'].map(yearFrom)).toEqual([
      '2027-12-06',
      '2025-02-28',
      '2027-12-31',
    ]);
  });

  test('filled in from the quote: its number, its title, from today, signed today', () => {
    expect(defaultTerms({ number: 'BJ-2026-0012', title: '仓储一期' }, '2026-12-07')).toEqual({
      number: 'HT-BJ-2026-0012',
      name: '仓储一期',
      startDate: '2026-12-07',
      endDate: '2027-12-06',
      signedDate: '2026-12-07',
    });
  });
});

describe('the 产品 editor', () => {
  const draft = {
    sku: 'YF-SORT-8',
    name: '智能分拣线',
    specification: '',
    unit: '条',
    listPrice: '500,000',
    floorPrice: '420000.5',
    category: '',
    active: true,
  };

  test('a complete product passes; a missing SKU, name or unit is named', () => {
    expect(productDraftProblem(draft)).toBeNull();
    expect(productDraftProblem({ ...draft, sku: ' ' })).toBe('请填写 SKU');
    expect(productDraftProblem({ ...draft, name: '' })).toBe('请填写产品名称');
    expect(productDraftProblem({ ...draft, unit: '' })).toBe('请填写单位');
  });

  test('prices in yuan: not a number, or a floor above the list price, is refused', () => {
    expect(productDraftProblem({ ...draft, listPrice: '五十万' })).toBe(
      '标准价应为金额，例如 2980 或 2980.50',
    );
    expect(productDraftProblem({ ...draft, floorPrice: '1.234' })).toBe('底价应为金额，例如 2500 或 2500.50');
    expect(productDraftProblem({ ...draft, floorPrice: '500000.01' })).toBe(
      '底价 ¥500,000.01 不能高于标准价 ¥500,000.00',
    );
  });
});
