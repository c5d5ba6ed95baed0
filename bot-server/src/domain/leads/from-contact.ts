import { type Customer, LeadSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { auditLead } from './audit.js';

/**
 * A customer who just added a rep in WeCom (客户联系, often through a 联系我 code) is a lead the
 * rep already won: it is recorded as converted into the customer the contact became, owned by the
 * rep, its source the code's State, so lead counts and sources include the WeCom channel. The
 * external contact id is the lead's key: a redelivered event records nothing twice.
 */
export async function recordContactLead(
  em: EntityManager,
  acting: Acting,
  customer: Customer,
  contact: { externalUserId: string; name: string; mobile: string | null },
): Promise<void> {
  const externalKey = `wecom-contact:${contact.externalUserId}`;
  if (await em.count(LeadSchema, { externalKey })) return;
  const now = new Date();
  const rep = await em.findOneOrFail(UserSchema, acting.user.id, { populate: ['department'] });
  const lead = em.create(LeadSchema, {
    company: customer.name,
    contactName: contact.name,
    mobile: contact.mobile,
    source: customer.source ?? '企业微信',
    status: 'converted',
    team: rep.department ?? null,
    owner: rep,
    claimedAt: now,
    externalKey,
    customer,
    convertedAt: now,
  });
  await em.flush();
  auditLead(em, acting, lead);
}
