import { type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager, QueryResult } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
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

export type ClaimOutcome =
  | { ok: true; lead: Lead }
  | { ok: false; reason: 'not-found' | 'not-in-team' | 'taken' | 'closed'; lead?: Lead };

/**
 * The first claim wins: the status changes only where it is still `new`, in one conditional
 * UPDATE, so two people clicking at once produce exactly one owner.
 */
export async function claimLead(
  em: EntityManager,
  acting: Acting,
  leadId: number,
  notifier: Notifier,
): Promise<ClaimOutcome> {
  const lead = await em.findOne(LeadSchema, { id: leadId }, { populate: ['team', 'owner'] });
  // Without a sales role nothing is claimable, not even the pool: like a lead that is not there.
  if (!lead || acting.access.grants.length === 0) return { ok: false, reason: 'not-found' };
  if (!mayClaim(acting, lead)) return { ok: false, reason: 'not-in-team', lead };
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
  if (result.affectedRows !== 1)
    return { ok: false, reason: lead.status === 'claimed' ? 'taken' : 'closed', lead };
  auditLead(em, acting, lead, before);
  await em.flush();
  await notifier.refreshCards(em, { type: 'lead', id: lead.id });
  return { ok: true, lead };
}

/** Members of the lead's team may claim it, and so may whoever's data scope covers that team. */
function mayClaim(acting: Acting, lead: Lead): boolean {
  const team = lead.team;
  if (!team) return true;
  if (acting.user.department?.path.startsWith(team.path)) return true;
  return acting.access.grants.some(
    (g) =>
      g.scope === 'all' ||
      (g.scope === 'department' && g.departmentId === team.id) ||
      (g.scope === 'department_tree' && team.path.startsWith(g.path)),
  );
}
