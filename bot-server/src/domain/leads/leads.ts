import { type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager, QueryResult } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { mayAtAll, mayClaimFor } from '../access/policy.js';
import type { Refusal } from '../access/refusals.js';
import { mobilePattern } from '../customers/validation.js';
import type { Notifier } from '../notify/notifier.js';
import { assignLead } from './assignment.js';
import { auditLead, type LeadActor, leadSnapshot } from './audit.js';
import { refuseSameLead } from './duplicates.js';

export interface NewLead {
  company: string;
  contactName?: string;
  mobile?: string;
  email?: string;
  region?: string;
  source?: string;
  industry?: string;
  note?: string;
  /** The sender's own id of a webhook lead: posting the same one twice records it once. */
  externalKey?: string;
}

/** A problem with the input, worded for the person who typed it. */
export class LeadInputError extends Error {}

/**
 * Records a lead and routes it by the assignment rules, in one transaction: a team that claims its
 * leads gets the card; a lead given to an owner at once is shown to that owner; no rule: the pool.
 * A lead already recorded throws DuplicateLeadError and changes nothing.
 */
export async function createLead(
  em: EntityManager,
  by: LeadActor,
  input: NewLead,
  notifier: Notifier,
): Promise<Lead> {
  const company = input.company.trim();
  if (company.length < 2 || company.length > 200) throw new LeadInputError('公司名称需要 2 到 200 个字');
  if (input.mobile !== undefined && !mobilePattern.test(input.mobile)) {
    throw new LeadInputError(`手机号「${input.mobile}」格式不正确，应为 11 位数字，例如 13812345678`);
  }
  return em.transactional(async (tx) => {
    await refuseSameLead(tx, { company, mobile: input.mobile, externalKey: input.externalKey });
    const traits = {
      region: input.region ?? null,
      source: input.source ?? '机器人',
      industry: input.industry ?? null,
    };
    const { rule, team, owner } = await assignLead(tx, traits);
    const lead = tx.create(LeadSchema, {
      ...traits,
      company,
      contactName: input.contactName ?? null,
      mobile: input.mobile ?? null,
      email: input.email ?? null,
      note: input.note ?? null,
      externalKey: input.externalKey ?? null,
      rule,
      team,
      owner,
      ...(owner ? { status: 'claimed' as const, claimedAt: new Date() } : {}),
    });
    await tx.flush();
    auditLead(tx, by, lead);
    await tx.flush();
    const subject = { type: 'lead', id: lead.id };
    if (owner) await notifier.postCard(tx, subject, { kind: 'users', userIds: [owner.id] });
    else if (team) await notifier.postCard(tx, subject, { kind: 'team', departmentId: team.id });
    return lead;
  });
}

export type ClaimOutcome = { ok: true; lead: Lead } | { ok: false; refusal: Refusal; lead?: Lead };

/**
 * The first claim wins: the status changes only where it is still `new`, in one conditional
 * UPDATE, so two people clicking at once produce exactly one owner. Whatever the door (the API, a
 * card's button), the same policy: a lead the user cannot see is "not found", one of another team
 * (or claimed by a role that may not claim) is refused, with the words of refusals.ts.
 */
export async function claimLead(
  em: EntityManager,
  acting: Acting,
  leadId: number,
  notifier: Notifier,
): Promise<ClaimOutcome> {
  const lead = await em.findOne(LeadSchema, { id: leadId }, { populate: ['team', 'owner'] });
  // A role that reads no leads (procurement, service, finance) is told what the API tells it: the
  // lead is not there. One that reads them but may not claim is told so.
  if (!lead || !mayAtAll(acting.access, 'lead', 'read'))
    return { ok: false, refusal: { code: 'not-visible', params: { object: 'lead' } } };
  if (!mayAtAll(acting.access, 'lead', 'claim'))
    return { ok: false, refusal: { code: 'not-permitted', params: { object: 'lead', verb: 'claim' } }, lead };
  // A card of another team's lead is answered with whose it is (the API, reached by id, says "not
  // found" before asking: leadFor).
  if (lead.status === 'new' && !mayClaimFor(acting.access, lead.team))
    return { ok: false, refusal: { code: 'lead-not-in-team', params: { team: lead.team?.name } }, lead };
  const before = leadSnapshot(lead);
  const result = await em
    .getConnection()
    .execute<QueryResult>(
      `update lead set status = 'claimed', owner_id = ?, claimed_at = now(), last_activity_at = now(), updated_at = now() where id = ? and status = 'new'`,
      [acting.user.id, leadId],
      'run',
      em.getTransactionContext(),
    );
  await em.refresh(lead, { populate: ['owner'] });
  if (result.affectedRows !== 1) {
    const refusal: Refusal =
      lead.status === 'claimed'
        ? { code: 'lead-taken', params: { owner: lead.owner?.name } }
        : { code: 'lead-closed' };
    return { ok: false, refusal, lead };
  }
  auditLead(em, acting, lead, before);
  await em.flush();
  await notifier.refreshCards(em, { type: 'lead', id: lead.id });
  return { ok: true, lead };
}
