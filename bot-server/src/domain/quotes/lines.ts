import { ProductSchema, type Quote, QuoteLineSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RefusedError } from '../access/errors.js';
import { checkLineFigures, discountBp, type LineInput } from './rules.js';
import { lineAmountCents, quoteTotals } from './totals.js';

// A quote's lines, written whole: every line checked (figures, then its product: known and still
// sold) before anything is written, the catalogue's prices copied onto each line, and the quote's
// totals computed from them.

export const maxLines = 200;

export async function writeLines(
  tx: EntityManager,
  quote: Quote,
  inputs: readonly LineInput[],
): Promise<void> {
  if (inputs.length === 0) throw new RefusedError('quote-lines-empty');
  const bps = inputs.map((input, i) => {
    checkLineFigures(input, i + 1);
    return discountBp(input.discountPercent, i + 1);
  });
  const products = new Map(
    (await tx.find(ProductSchema, { id: { $in: inputs.map((l) => l.productId) } })).map((p) => [p.id, p]),
  );
  const rows = inputs.map((input, i) => {
    const product = products.get(input.productId);
    if (!product) throw new RefusedError('quote-product-unknown', { line: i + 1 });
    if (!product.active)
      throw new RefusedError('quote-product-inactive', { line: i + 1, name: product.name });
    const figures = {
      quantity: input.quantity,
      unitPriceCents: input.unitPriceCents ?? product.listPriceCents,
      discountBp: bps[i] as number,
    };
    return {
      ...figures,
      product,
      position: i + 1,
      amountCents: lineAmountCents(figures),
      listPriceCents: product.listPriceCents,
      floorPriceCents: product.floorPriceCents,
    };
  });
  await tx.nativeDelete(QuoteLineSchema, { quote: quote.id });
  for (const row of rows) tx.create(QuoteLineSchema, { ...row, quote });
  Object.assign(quote, quoteTotals(rows));
}

export const linesOf = (em: EntityManager, quoteId: number) =>
  em.find(QuoteLineSchema, { quote: quoteId }, { orderBy: { position: 'asc' }, populate: ['product'] });
