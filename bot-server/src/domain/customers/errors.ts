import type { Customer } from '@kelian/orm';

export type DuplicateMatch = 'name' | 'creditCode' | 'mobile';

/**
 * A new customer looks like existing ones. `visible` are those the user may see (with what matched);
 * `hiddenCount` the others: they are counted, never described, so a rep learns that a colleague
 * already has the customer (撞单) without learning anything about it.
 */
export class DuplicateCustomersError extends Error {
  constructor(
    readonly visible: { customer: Customer; matchedOn: DuplicateMatch[] }[],
    readonly hiddenCount: number,
  ) {
    super(`duplicates: ${visible.map((d) => d.customer.id).join(', ')} and ${hiddenCount} hidden`);
    this.name = 'DuplicateCustomersError';
  }
}
