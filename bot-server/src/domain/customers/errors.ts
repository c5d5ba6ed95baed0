import type { Customer } from '@kelian/orm';

/** Input that is well-formed but does not fit the data (an unknown tag, another customer's contact). */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidInputError';
  }
}

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
