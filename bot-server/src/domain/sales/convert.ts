import { CustomerSchema, LeadSchema } from '@kelian/orm';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotPermittedError } from '../access/errors.js';
import { mayOnOwned } from '../access/policy.js';
import { createCustomer } from '../customers/create.js';
import { customerFor } from '../customers/store.js';
import { auditLead, leadSnapshot } from '../leads/audit.js';
import { leadFor } from '../leads/store.js';
import { type OpportunityFields, openOpportunity } from './opportunities.js';

// A claimed lead becomes a customer (a new one, or an existing one it is merged into) and a deal in
// the first open stage, in one transaction: there is never a converted lead without both.

/** The lead was converted already (by someone else a moment ago, perhaps). */
export class LeadConvertedError extends Error {
  constructor() {
    super('lead already converted');
    this.name = 'LeadConvertedError';
  }
}

export interface LeadConversion {
  /** Merge into this existing customer instead of creating one from the lead. */
  customerId?: number;
  /** Create the customer even though it looks like an existing one (people checked: it is not). */
  force?: boolean;
  opportunity?: OpportunityFields;
}

/**
 * For the lead's owner, or a manager whose scope covers the owner (leadFor has checked that the
 * lead is theirs to see). A new customer is refused as a duplicate (DuplicateCustomersError) when
 * it looks like an existing one: the caller then picks `customerId` to merge into.
 */
export function convertLead(
  em: EntityManager,
  acting: Acting,
  id: number,
  conversion: LeadConversion,
): Promise<{ leadId: number; customerId: number; opportunityId: number }> {
  return em.transactional(async (tx) => {
    // The row lock makes a second conversion, even a simultaneous one, see the first one's result.
    await tx.findOne(LeadSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const lead = await leadFor(tx, acting, id);
    if (lead.status === 'converted') throw new LeadConvertedError();
    if (lead.status !== 'claimed') throw new NotPermittedError('lead-convert-unclaimed');
    if (!mayOnOwned(acting.access, 'lead', 'edit', lead.owner))
      throw new NotPermittedError('lead-convert-owner-only');
    const customer =
      conversion.customerId === undefined
        ? await createCustomer(tx, acting, {
            kind: 'company',
            name: lead.company,
            region: lead.region ?? null,
            industry: lead.industry ?? null,
            source: lead.source ?? null,
            contacts: lead.contactName
              ? [{ name: lead.contactName, mobile: lead.mobile ?? null, email: lead.email ?? null }]
              : [],
            ...(conversion.force ? { force: true } : {}),
          })
        : await customerFor(tx, acting.access, conversion.customerId, { purpose: 'change' });
    const deal = await openOpportunity(
      tx,
      acting,
      {
        ...conversion.opportunity,
        customerId: customer.id,
        name: conversion.opportunity?.name ?? lead.company,
      },
      lead,
    );
    const before = leadSnapshot(lead);
    Object.assign(lead, {
      status: 'converted',
      customer: tx.getReference(CustomerSchema, customer.id),
      convertedAt: new Date(),
      lastActivityAt: new Date(),
    });
    auditLead(tx, acting, lead, before);
    await tx.flush();
    return { leadId: lead.id, customerId: customer.id, opportunityId: deal.id };
  });
}
