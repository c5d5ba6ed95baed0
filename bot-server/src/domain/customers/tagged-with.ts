import type { Customer } from '@kelian/orm';
import { type FilterQuery, raw } from '@mikro-orm/postgresql';

/**
 * Customers carrying the tag, for the list's and the grid's tag filters. Not the relation's `$some`,
 * whose subquery joins the customers once more: the planner then read the whole table to find a
 * tag's few thousand.
 */
export function taggedWith(tagId: number): FilterQuery<Customer> {
  return {
    [raw((alias) => `${alias}.id in (select customer_id from customer_tag where tag_id = ?)`, [tagId])]: [],
  };
}
