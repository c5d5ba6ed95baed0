import { ContactSchema, type FollowUp, FollowUpSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { refuseUneditable } from '../access/field-rules.js';
import { auditCreated } from '../audit/audit.js';
import { InvalidInputError } from '../errors.js';
import { createTask } from '../followups/tasks.js';
import type { NewFollowUp } from './inputs.js';
import { followUpSnapshot } from './records.js';
import { customerFor, reachPopulate } from './store.js';

/** Logs a follow-up by the user on a customer they may change, and moves its lastFollowUpAt on. */
export async function addFollowUp(
  em: EntityManager,
  acting: Acting,
  customerId: number,
  input: NewFollowUp,
): Promise<FollowUp> {
  return em.transactional(async (tx) => {
    // The answer is the follow-up alone: the customer's tags are not needed.
    const customer = await customerFor(tx, acting.access, customerId, { purpose: 'change' }, reachPopulate);
    const { contactId, occurredAt = new Date(), ...fields } = input;
    refuseUneditable(acting.access, [
      {
        object: 'followUp',
        fields: Object.keys(input).filter(
          (k) => k !== 'contactId' && input[k as keyof NewFollowUp] !== undefined,
        ),
      },
    ]);
    const contact =
      contactId == null ? null : await tx.findOne(ContactSchema, { id: contactId, customer: customer.id });
    if (contactId != null && !contact) throw new InvalidInputError('contactId', '这位联系人不属于该客户');
    const author = await tx.findOneOrFail(UserSchema, acting.user.id);
    const followUp = tx.create(FollowUpSchema, { ...fields, customer, contact, author, occurredAt });
    // The next step with a time becomes the author's task, reminded as a card when it is due.
    if (fields.nextAt)
      createTask(tx, {
        title: fields.nextStep ?? `回访 ${customer.name}`,
        assignee: author,
        dueAt: fields.nextAt,
        customerId: customer.id,
        createdBy: author,
      });
    // A follow-up logged after the fact must not move the customer's last contact back in time.
    if (!customer.lastFollowUpAt || customer.lastFollowUpAt < occurredAt)
      customer.lastFollowUpAt = occurredAt;
    await auditCreated(tx, acting, 'followUp', followUp, followUpSnapshot);
    return followUp;
  });
}
