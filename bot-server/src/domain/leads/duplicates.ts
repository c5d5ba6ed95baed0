import { type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

// When a new lead is one already recorded, from whichever door it comes (bot, API, web form): the
// sender's own id again (a form's externalId), or the same company with the same mobile. A lead
// closed as invalid does not count: it was judged not a real lead, so a new one may well be.

export interface LeadIdentity {
  company: string;
  mobile?: string | undefined;
  externalKey?: string | undefined;
}

/** The new lead is already recorded as `lead`; nothing was created. */
export class DuplicateLeadError extends Error {
  constructor(
    readonly lead: Lead,
    probe: LeadIdentity,
  ) {
    super(
      lead.externalKey && lead.externalKey === probe.externalKey
        ? `这条线索（编号 ${probe.externalKey}）已登记过：线索 #${lead.id}`
        : `「${lead.company}」（手机号 ${lead.mobile}）已登记过：线索 #${lead.id}`,
    );
  }
}

/**
 * Throws DuplicateLeadError when the lead is already recorded. Call it inside the transaction that
 * creates the lead: it holds a lock on the company and mobile until then, so two identical leads
 * sent at once are recorded once.
 */
export async function refuseSameLead(em: EntityManager, probe: LeadIdentity): Promise<void> {
  const same = [
    ...(probe.externalKey ? [{ externalKey: probe.externalKey }] : []),
    ...(probe.mobile
      ? [{ company: probe.company, mobile: probe.mobile, status: { $ne: 'invalid' as const } }]
      : []),
  ];
  if (same.length === 0) return;
  if (probe.mobile)
    await em
      .getConnection()
      .execute(
        'select pg_advisory_xact_lock(hashtext(?))',
        [`lead:${probe.company}:${probe.mobile}`],
        'all',
        em.getTransactionContext(),
      );
  const lead = await em.findOne(
    LeadSchema,
    { $or: same },
    { populate: ['team', 'owner'], orderBy: { id: 'asc' } },
  );
  if (lead) throw new DuplicateLeadError(lead, probe);
}
