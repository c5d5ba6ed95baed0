import { RefusedError } from '../access/errors.js';

// What a catalogue price must be, whatever door it came through: whole cents, not negative, and a
// floor (the lowest price a rep may quote without approval) no higher than the list price.

export function checkPrices(prices: { listPriceCents: number; floorPriceCents: number }): void {
  const { listPriceCents: list, floorPriceCents: floor } = prices;
  if (!Number.isSafeInteger(list) || list < 0 || !Number.isSafeInteger(floor) || floor < 0)
    throw new RefusedError('product-price-invalid');
  if (floor > list) throw new RefusedError('product-floor-above-list');
}
