import { ContactSchema, type Customer, CustomerSchema } from '@kelian/orm';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Access } from '../access/access.js';
import { customerScope } from '../access/scope.js';
import { DuplicateCustomersError, type DuplicateMatch } from './errors.js';
import { customerPopulate } from './store.js';

// A live customer is a likely duplicate of a new one when it is a company of the same name, has the
// same 统一社会信用代码, or has the same mobile number (its own phone, or one of its contacts').
// The recycle bin is left out: a restored customer is checked by whoever restores it.

export interface DuplicateProbe {
  kind: Customer['kind'];
  name: string;
  creditCode?: string | null;
  mobiles: string[];
}

/** Throws DuplicateCustomersError when the probe matches live customers. */
export async function refuseDuplicates(
  em: EntityManager,
  access: Access,
  probe: DuplicateProbe,
): Promise<void> {
  const viaContacts = probe.mobiles.length
    ? (await em.find(ContactSchema, { mobile: { $in: probe.mobiles } }, { fields: ['customer'] })).map(
        (c) => c.customer.id,
      )
    : [];
  const matches: FilterQuery<Customer>[] = [
    ...(probe.kind === 'company' ? [{ kind: 'company' as const, name: probe.name }] : []),
    ...(probe.creditCode ? [{ creditCode: probe.creditCode }] : []),
    ...(probe.mobiles.length ? [{ phone: { $in: probe.mobiles } }, { id: { $in: viaContacts } }] : []),
  ];
  if (matches.length === 0) return;
  const live = { deletedAt: null, $or: matches };
  const all = await em.count(CustomerSchema, live);
  if (all === 0) return;
  const visible = await em.find(
    CustomerSchema,
    { $and: [live, customerScope(access, 'read')] },
    { populate: customerPopulate, orderBy: { id: 'asc' } },
  );
  const matchedOn = (c: Customer): DuplicateMatch[] => [
    ...(probe.kind === 'company' && c.kind === 'company' && c.name === probe.name ? ['name' as const] : []),
    ...(probe.creditCode && c.creditCode === probe.creditCode ? ['creditCode' as const] : []),
    ...((c.phone && probe.mobiles.includes(c.phone)) || viaContacts.includes(c.id)
      ? ['mobile' as const]
      : []),
  ];
  throw new DuplicateCustomersError(
    visible.map((customer) => ({ customer, matchedOn: matchedOn(customer) })),
    all - visible.length,
  );
}
