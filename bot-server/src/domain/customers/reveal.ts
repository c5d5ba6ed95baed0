import { ContactSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError, NotVisibleError } from '../access/errors.js';
import { ruleOf } from '../access/field-rules.js';
import { fieldLabel, isRuledField, type RuledObject } from '../access/fields.js';
import { audit } from '../audit/audit.js';
import { InvalidInputError } from '../errors.js';
import { contactRecord, customerRecord } from './records.js';
import { customerFor } from './store.js';

// A masked field is one the viewer may see on purpose: asking for it shows the value and leaves an
// entry in the audit log. A hidden field is never shown, whatever is asked. A field the viewer
// already sees is simply answered, with nothing to log.

export interface RevealTarget {
  field: string;
  /** A contact of the customer, when the field is the contact's. */
  contactId?: number;
}

export async function revealField(
  em: EntityManager,
  acting: Acting,
  customerId: number,
  target: RevealTarget,
): Promise<unknown> {
  return em.transactional(async (tx) => {
    const customer = await customerFor(tx, acting.access, customerId, { purpose: 'read' });
    const contact =
      target.contactId === undefined
        ? undefined
        : await tx.findOne(ContactSchema, { id: target.contactId, customer: customer.id });
    if (contact === null) throw new NotVisibleError('contact');
    const object: RuledObject = contact ? 'contact' : 'customer';
    if (!isRuledField(object, target.field))
      throw new InvalidInputError('field', `没有「${target.field}」这个字段`);
    const record: Record<string, unknown> = contact ? contactRecord(contact) : customerRecord(customer);

    const rule = ruleOf(acting.access, object, target.field);
    if (rule === 'hidden')
      throw new NotPermittedError('field-hidden', { label: fieldLabel(object, target.field) });
    if (rule === 'masked')
      audit(tx, acting, {
        action: 'reveal',
        objectType: object,
        objectId: contact?.id ?? customer.id,
        changes: { fields: [target.field], ...(contact ? { customer: customer.id } : {}) },
      });
    return record[target.field];
  });
}
