import type { Quote } from '@kelian/orm';
import { RefusedError } from '../access/errors.js';

// What a quote's input must be, whatever door it came through. A line: a positive whole quantity,
// a unit price in whole cents not below 0, a discount from 0 % to 100 % with at most two decimals
// (kept as basis points). The quote: valid until today or later. Only a draft or a rejected quote
// changes or goes for approval.

export interface LineInput {
  productId: number;
  quantity: number;
  /** Defaults to the product's list price. */
  unitPriceCents?: number | undefined;
  discountPercent?: number | undefined;
}

const maxQuantity = 1_000_000_000;

/** The discount in basis points, or a refusal naming the line (1-based). */
export function discountBp(percent: number | undefined, line: number): number {
  if (percent === undefined) return 0;
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100 || Math.abs(percent * 100 - bp) > 1e-6)
    throw new RefusedError('quote-discount-invalid', { line });
  return bp;
}

export function checkLineFigures(input: LineInput, line: number): void {
  if (!Number.isSafeInteger(input.quantity) || input.quantity <= 0 || input.quantity > maxQuantity)
    throw new RefusedError('quote-quantity-invalid', { line });
  const price = input.unitPriceCents;
  if (price !== undefined && (!Number.isSafeInteger(price) || price < 0))
    throw new RefusedError('quote-price-invalid', { line });
}

/** `validUntil` and `today` are YYYY-MM-DD, which sort like the days they name. */
export function checkValidUntil(validUntil: string, today: string): void {
  if (validUntil < today) throw new RefusedError('quote-valid-until-past', { today });
}

export function requireEditable(quote: Pick<Quote, 'status'>, verb: string): void {
  if (quote.status !== 'draft' && quote.status !== 'rejected')
    throw new RefusedError('quote-not-editable', { status: quote.status, verb });
}
