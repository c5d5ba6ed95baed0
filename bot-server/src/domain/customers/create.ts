import { ContactSchema, type Customer, CustomerSchema, refreshSearchKeys, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { type FieldUse, refuseUneditable } from '../access/field-rules.js';
import { requireRight } from '../access/policy.js';
import { audit } from '../audit/audit.js';
import { created } from '../audit/changes.js';
import { refuseInvalidCustomFields } from '../custom-fields/validate.js';
import { InvalidInputError } from '../errors.js';
import { refuseDuplicates } from './duplicates.js';
import { type NewContact, type NewCustomer, ruledFieldOf } from './inputs.js';
import { contactSnapshot, customerSnapshot } from './records.js';
import { tagsFor } from './tags.js';
import { mobilePattern, refuseInconsistent } from './validation.js';

/**
 * A new customer owned by the user, with its contacts, unless it looks like an existing one
 * (DuplicateCustomersError; `force` creates it anyway). Fields the user may not edit may not be set.
 */
export async function createCustomer(
  em: EntityManager,
  acting: Acting,
  input: NewCustomer,
): Promise<Customer> {
  const { access } = acting;
  if (access.grants.length === 0) throw new NotPermittedError('no-role');
  requireRight(access, 'customer', 'edit');
  const { contacts: contactInputs = [], force, customFields, tagIds = [], ...fields } = input;
  refuseUneditable(access, [
    {
      object: 'customer',
      fields: givenKeys({ ...fields, tagIds: input.tagIds, customFields }).map(ruledFieldOf),
    },
    ...contactInputs.map(
      (c, i): FieldUse => ({ object: 'contact', fields: givenKeys(c), path: `contacts.${i}.` }),
    ),
  ]);
  refuseInconsistent(fields);
  const primary = primaryIndex(contactInputs);

  return em.transactional(async (tx) => {
    const tags = await tagsFor(tx, tagIds);
    await refuseInvalidCustomFields(tx, 'customer', customFields ?? {}, { creating: true });
    if (!force)
      await refuseDuplicates(tx, access, {
        kind: fields.kind,
        name: fields.name,
        creditCode: fields.creditCode,
        mobiles: [fields.phone, ...contactInputs.map((c) => c.mobile)].filter(
          (m): m is string => typeof m === 'string' && mobilePattern.test(m),
        ),
      });
    const customer = tx.create(CustomerSchema, {
      ...fields,
      owner: tx.getReference(UserSchema, acting.user.id),
      customFields: customFields ?? {},
    });
    customer.tags.set(tags);
    const contacts = contactInputs.map((c, i) =>
      tx.create(ContactSchema, { ...c, customer, primary: i === primary }),
    );
    await tx.flush();
    // Search keys (pinyin, initials, bigrams, phone tails) follow every write of a name or number.
    await refreshSearchKeys(tx, [customer.id]);
    audit(tx, acting, {
      action: 'create',
      objectType: 'customer',
      objectId: customer.id,
      changes: created(customerSnapshot(customer)),
    });
    for (const contact of contacts)
      audit(tx, acting, {
        action: 'create',
        objectType: 'contact',
        objectId: contact.id,
        changes: created(contactSnapshot(contact)),
      });
    return customer;
  });
}

const givenKeys = (values: object): string[] =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);

/** The primary contact: the one marked so, else the first. */
function primaryIndex(contacts: NewContact[]): number {
  const marked = contacts.flatMap((c, i) => (c.primary ? [i] : []));
  if (marked.length > 1) throw new InvalidInputError('contacts', '只能有一位主联系人');
  return marked[0] ?? 0;
}
