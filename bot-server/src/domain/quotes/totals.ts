// A quote's money, exact: integer cents, a discount in basis points (1 % = 100 bp), products in
// BigInt so no intermediate is ever rounded. The one rounding: each line's amount,
// quantity × unit price × (10000 − bp) / 10000, is rounded half up to the cent (¥0.005 → ¥0.01);
// the quote's total is the sum of its lines' amounts, so the lines on the PDF add up to the total.

export interface LineFigures {
  quantity: number;
  unitPriceCents: number;
  discountBp: number;
}

const fullBp = 10_000n;

/** The line's amount in cents, rounded half up (all terms are non-negative). */
export function lineAmountCents(line: LineFigures): number {
  const exact = BigInt(line.quantity) * BigInt(line.unitPriceCents) * (fullBp - BigInt(line.discountBp));
  return Number((exact * 2n + fullBp) / (2n * fullBp));
}

/** Is the unit price after discount below the floor? Compared exactly, before any rounding. */
export function belowFloor(line: LineFigures & { floorPriceCents: number }): boolean {
  return (
    BigInt(line.unitPriceCents) * (fullBp - BigInt(line.discountBp)) < BigInt(line.floorPriceCents) * fullBp
  );
}

/** The unit price after discount, in cents, rounded half up (for showing and comparing prices). */
export const netUnitPriceCents = (line: Omit<LineFigures, 'quantity'>): number =>
  lineAmountCents({ ...line, quantity: 1 });

/** How far below its floor the line's net unit price is, in percent of the floor (2 decimals). */
export function percentBelowFloor(line: LineFigures & { floorPriceCents: number }): number {
  if (!belowFloor(line) || line.floorPriceCents === 0) return 0;
  const net = BigInt(line.unitPriceCents) * (fullBp - BigInt(line.discountBp));
  const gapBp =
    ((BigInt(line.floorPriceCents) * fullBp - net) * fullBp) / (BigInt(line.floorPriceCents) * fullBp);
  return Number(gapBp) / 100;
}

export function quoteTotals(lines: readonly (LineFigures & { listPriceCents: number })[]) {
  let totalCents = 0;
  let listTotalCents = 0;
  for (const line of lines) {
    totalCents += lineAmountCents(line);
    listTotalCents += line.quantity * line.listPriceCents;
  }
  return { totalCents, listTotalCents };
}
