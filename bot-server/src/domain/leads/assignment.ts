import {
  type AssignmentRule,
  AssignmentRuleSchema,
  type Department,
  LeadSchema,
  type User,
  UserSchema,
} from '@kelian/orm';
import { type EntityManager, type FilterQuery, LockMode } from '@mikro-orm/postgresql';

// Lead routing by the admin's ordered assignment rules: the first enabled rule whose conditions all
// match sends the lead to its team; inside the team the rule's strategy decides whether the team
// claims it from a card or an owner is picked at once. No rule matches: the pool (公海).

export interface LeadTraits {
  region: string | null;
  source: string | null;
  industry: string | null;
}

export interface Assignment {
  rule: AssignmentRule | null;
  team: Department | null;
  /** Set when the rule picks an owner (round-robin, least-loaded); null when the team claims it. */
  owner: User | null;
}

/** An empty condition matches anything; regions match by prefix (北京 matches 北京市). */
export function ruleMatches(rule: AssignmentRule, lead: LeadTraits): boolean {
  const within = (values: string[], value: string | null, prefix = false) =>
    values.length === 0 ||
    (value !== null && values.some((v) => (prefix ? value.startsWith(v) : value === v)));
  return (
    within(rule.regions, lead.region, true) &&
    within(rule.sources, lead.source) &&
    within(rule.industries, lead.industry)
  );
}

/** Where a new lead goes. Must run in the transaction that creates the lead (round-robin locks its rule). */
export async function assignLead(em: EntityManager, lead: LeadTraits): Promise<Assignment> {
  const rules = await em.find(
    AssignmentRuleSchema,
    { enabled: true },
    { orderBy: { position: 'asc', id: 'asc' }, populate: ['team'] },
  );
  const rule = rules.find((r) => ruleMatches(r, lead));
  if (!rule) return { rule: null, team: null, owner: null };
  return { rule, team: rule.team, owner: await pickOwner(em, rule) };
}

/** The people a team's leads go to: active, in the team or a department under it. */
export const activeMembersOf = (team: Department): FilterQuery<User> => ({
  active: true,
  department: { path: { $like: `${team.path}%` } },
});

async function pickOwner(em: EntityManager, rule: AssignmentRule): Promise<User | null> {
  if (rule.strategy === 'claim') return null;
  const members = await em.find(UserSchema, activeMembersOf(rule.team), { orderBy: { id: 'asc' } });
  if (members.length === 0) return null;
  // Two leads created at once must not both go to the same member: the rule row is locked until
  // this transaction ends, so the second creation sees the first one's lastAssignee (round-robin)
  // or its lead in the loads (least-loaded).
  await em.lock(rule, LockMode.PESSIMISTIC_WRITE);
  if (rule.strategy === 'least_loaded') return leastLoaded(em, members);
  await em.refresh(rule);
  const previous = members.findIndex((m) => m.id === rule.lastAssignee?.id);
  const next = members[(previous + 1) % members.length]!;
  rule.lastAssignee = next;
  return next;
}

/** The member with the fewest claimed, unconverted leads; the earliest member breaks ties. */
async function leastLoaded(em: EntityManager, members: User[]): Promise<User> {
  // One query at a time: inside a transaction there is only the transaction's connection.
  let best = { member: members[0]!, load: Number.POSITIVE_INFINITY };
  for (const member of members) {
    const load = await em.count(LeadSchema, { owner: member, status: 'claimed' });
    if (load < best.load) best = { member, load };
  }
  return best.member;
}
