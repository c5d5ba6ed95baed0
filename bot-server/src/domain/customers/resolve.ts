import { type Customer, CustomerSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { ruleOf } from '../access/field-rules.js';
import { mayAtAll, requireRight } from '../access/policy.js';
import { customerScope, type ScopePurpose } from '../access/scope.js';
import { searchCustomers } from '../search/customers.js';

// A customer named in a chat command (`跟进 华为 …`). A command must never act on a guess: one
// match acts, several are offered as choices, none says so. Only customers the user may reach for
// `purpose` are candidates, so a colleague's customer is never named back to them.

export type CustomerMatch =
  | { kind: 'one'; customer: Customer }
  | { kind: 'many'; customers: Customer[] }
  | { kind: 'none' };

/** How many choices an ambiguous name offers at most. */
const maxChoices = 5;

export async function resolveCustomer(
  em: EntityManager,
  access: Access,
  keyword: string,
  purpose: ScopePurpose = 'read',
): Promise<CustomerMatch> {
  // A role that reads customers but may change none (procurement) is told so, not "none found".
  if (purpose !== 'read' && mayAtAll(access, 'customer', 'read'))
    requireRight(access, 'customer', purpose === 'change' ? 'edit' : purpose);
  const ids = await searchCustomers(em, keyword, {
    limit: maxChoices,
    scopeFilter: customerScope(access, purpose),
    fieldAccess: (object, field) => ruleOf(access, object, field),
  });
  if (ids.length === 0) return { kind: 'none' };
  const found = await em.find(CustomerSchema, { id: { $in: ids } }, { populate: ['owner'] });
  const customers = ids.map((id) => found.find((c) => c.id === id)).filter((c) => c !== undefined);
  // Typing a customer's full name picks it even when longer names contain it (华为 vs 华为云).
  const exact = customers.filter((c) => c.name === keyword.trim());
  if (exact.length === 1) return { kind: 'one', customer: exact[0]! };
  return customers.length === 1 ? { kind: 'one', customer: customers[0]! } : { kind: 'many', customers };
}
