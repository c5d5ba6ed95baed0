import { formatAmount } from '@kelian/cards/format/money';
import { centsToYuanText } from '../../services/contract-format';
import type { CatalogueProduct } from '../../services/products';
import { centsOf } from '../../services/receivables';

// The 产品 editor's draft: a product's fields as typed (prices in yuan), and what is wrong with
// them before the server is asked (it checks the same again). Pure, unit-tested.

export interface Draft {
  sku: string;
  name: string;
  specification: string;
  unit: string;
  listPrice: string;
  floorPrice: string;
  category: string;
  active: boolean;
}

export const draftOf = (p: CatalogueProduct | undefined): Draft => ({
  sku: p?.sku ?? '',
  name: p?.name ?? '',
  specification: p?.specification ?? '',
  unit: p?.unit ?? '',
  listPrice: p ? centsToYuanText(p.listPriceCents) : '',
  floorPrice: p ? centsToYuanText(p.floorPriceCents) : '',
  category: p?.category ?? '',
  active: p?.active ?? true,
});

/** What is wrong before it goes to the server (null: nothing). */
export function productDraftProblem(d: Draft): string | null {
  if (!d.sku.trim()) return '请填写 SKU';
  if (!d.name.trim()) return '请填写产品名称';
  if (!d.unit.trim()) return '请填写单位';
  const list = centsOf(d.listPrice);
  const floor = centsOf(d.floorPrice);
  if (list === undefined) return '标准价应为金额，例如 2980 或 2980.50';
  if (floor === undefined) return '底价应为金额，例如 2500 或 2500.50';
  if (floor > list)
    return `底价 ${formatAmount(floor, 'exact')} 不能高于标准价 ${formatAmount(list, 'exact')}`;
  return null;
}
