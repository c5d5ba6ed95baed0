import { type Contact, ContactSchema, type Customer } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { ruleOf } from '../access/field-rules.js';
import { matchReason } from '../search/reason.js';

/**
 * Why each of these customers, found by `q`, matched it (domain/search/reason.ts), by customer id;
 * a customer whose name shows it is left out. Only what the viewer may search by is considered.
 * `contacts`: theirs, when the caller has them already.
 */
export async function matchReasons(
  em: EntityManager,
  access: Access,
  q: string,
  customers: readonly Customer[],
  contacts?: readonly Contact[],
): Promise<Map<number, string>> {
  const reasons = new Map<number, string>();
  if (customers.length === 0) return reasons;
  contacts ??= await em.find(
    ContactSchema,
    { customer: { $in: customers.map((c) => c.id) } },
    { orderBy: [{ primary: 'desc' }, { id: 'asc' }] },
  );
  const fieldAccess = (object: 'customer' | 'contact', field: string) => ruleOf(access, object, field);
  for (const customer of customers) {
    const reason = matchReason(
      q,
      {
        kind: customer.kind,
        name: customer.name,
        phone: customer.phone,
        creditCode: customer.creditCode,
        contacts: contacts!.filter((c) => c.customer.id === customer.id),
      },
      fieldAccess,
    );
    if (reason) reasons.set(customer.id, reason);
  }
  return reasons;
}
