import { formatMoney } from '@kelian/cards';
import type { QuoteLine } from '@kelian/orm';
import type { KeyFigure } from '../approvals/document.js';
import type { PastPrice } from './last-prices.js';
import { belowFloor, netUnitPriceCents, percentBelowFloor } from './totals.js';

// What an approver weighs a quote on, computed once when it is submitted and kept in the run's
// snapshot: the lines below their floor and by how much, the largest discount, and for each such
// line the customer's last prices for that product.

export interface QuoteFacts {
  belowFloorLines: number;
  /** The worst line's net unit price below its floor, in percent of the floor (8.5 = 8.5 % below). */
  maxBelowFloorPercent: number;
  maxDiscountPercent: number;
  figures: KeyFigure[];
}

type Line = Pick<QuoteLine, 'quantity' | 'unitPriceCents' | 'discountBp' | 'floorPriceCents'> & {
  product: { id: number; name: string };
};

const priceList = (prices: readonly PastPrice[]) =>
  prices.map((p) => `${formatMoney(p.netUnitPriceCents)}（${p.at.slice(0, 10)}）`).join('、');

export function quoteFacts(
  totalCents: number,
  lines: readonly Line[],
  past: ReadonlyMap<number, PastPrice[]>,
): QuoteFacts {
  const low = lines.filter((l) => belowFloor(l));
  const maxBelowFloorPercent = Math.max(0, ...low.map((l) => percentBelowFloor(l)));
  const figures: KeyFigure[] = [{ label: '报价总额', value: formatMoney(totalCents) }];
  for (const line of low)
    figures.push({
      label: `${line.product.name} 折后单价`,
      value: `${formatMoney(netUnitPriceCents(line))}，底价 ${formatMoney(line.floorPriceCents)}（低 ${percentBelowFloor(line)}%）`,
    });
  for (const line of low) {
    const prices = past.get(line.product.id) ?? [];
    figures.push({
      label: `${line.product.name} 客户近三次价格`,
      value: prices.length > 0 ? priceList(prices) : '无记录',
    });
  }
  return {
    belowFloorLines: low.length,
    maxBelowFloorPercent,
    maxDiscountPercent: Math.max(0, ...lines.map((l) => l.discountBp)) / 100,
    figures,
  };
}
