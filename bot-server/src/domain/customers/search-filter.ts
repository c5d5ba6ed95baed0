import type { Customer } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { ruleOf } from '../access/field-rules.js';
import { customerSearchCondition, type SearchCheck } from '../search/customers.js';

// The seam between the customer list and customer search (domain/search owns the real thing:
// pinyin, initials, phone tail, fast on a million rows). The list ANDs the condition returned here
// with the data scope, the other filters and its keyset pagination, so:
//   - return a condition, not a page of ids: the database intersects it with the scope, and no
//     visible match is lost behind a limit applied to invisible ones;
//   - never widen the scope (no $or reaching past it); `access` is here so the search can leave out
//     fields the viewer may not search by (a hidden phone number must not be found by its tail).

/** The condition a customer meets when it matches the search text `q` (trimmed, not empty). */
export async function customerSearchFilter(
  _em: EntityManager,
  q: string,
  access: Access,
  check: SearchCheck = {},
): Promise<FilterQuery<Customer>> {
  return customerSearchCondition(q, {
    ...check,
    fieldAccess: (object, field) => ruleOf(access, object, field),
  });
}
