import {
  type AssignmentRule,
  AssignmentRuleSchema,
  type AssignmentStrategy,
  DepartmentSchema,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { requireAdministration } from '../access/policy.js';
import { audit, auditCreated } from '../audit/audit.js';
import { changesBetween } from '../audit/changes.js';
import { InvalidInputError } from '../errors.js';
import { activeMembersOf } from './assignment.js';

// The admin's ordered lead assignment rules (assignment.ts applies them). Positions are the order
// the list shows, 1, 2, 3 …: putting a rule at a position moves the others down rather than tying
// with one of them, so the order is always the one the admin sees.

export interface RuleInput {
  name: string;
  enabled: boolean;
  regions: string[];
  sources: string[];
  industries: string[];
  teamId: number;
  strategy: AssignmentStrategy;
  recycleAfterDays: number | null;
}

/** A new rule goes to `position` (1 first), or after the others without one. */
export type RuleCreate = RuleInput & { position?: number };
export type RulePatch = Partial<RuleCreate>;

export const rulePopulate = ['team', 'lastAssignee'] as const;

function refuseNonAdmin(acting: Acting) {
  requireAdministration(acting, 'leadRules');
}

/** Every rule, in the order they are tried. */
export async function listAssignmentRules(em: EntityManager, acting: Acting): Promise<AssignmentRule[]> {
  refuseNonAdmin(acting);
  return inOrder(em);
}

const inOrder = (em: EntityManager) =>
  em.find(AssignmentRuleSchema, {}, { orderBy: { position: 'asc', id: 'asc' }, populate: rulePopulate });

async function ruleFor(em: EntityManager, id: number): Promise<AssignmentRule> {
  const rule = await em.findOne(AssignmentRuleSchema, { id }, { populate: rulePopulate });
  if (!rule) throw new NotVisibleError('rule');
  return rule;
}

async function teamOf(em: EntityManager, teamId: number) {
  const team = await em.findOne(DepartmentSchema, { id: teamId });
  if (!team) throw new InvalidInputError('teamId', `部门 ${teamId} 不存在`);
  return team;
}

/**
 * An enabled rule must send leads to people: a team with nobody active in it or under it (all left,
 * or an empty department) would leave every lead it matches untouched.
 */
async function refuseEmptyTeam(em: EntityManager, rule: Pick<AssignmentRule, 'enabled' | 'team'>) {
  if (!rule.enabled) return;
  const members = await em.count(UserSchema, activeMembersOf(rule.team));
  if (members === 0)
    throw new InvalidInputError(
      'teamId',
      `${rule.team.name}（含下级部门）没有在职成员，分到这里的线索将无人处理`,
    );
}

/** Numbers the rules 1, 2, 3 … in their order, with `moved` put at `position` (null: left out). */
async function renumber(em: EntityManager, moved: AssignmentRule, position: number | null) {
  const order = (await inOrder(em)).filter((r) => r !== moved);
  if (position !== null) order.splice(Math.min(position - 1, order.length), 0, moved);
  order.forEach((r, i) => {
    r.position = i + 1;
  });
}

export async function createAssignmentRule(
  em: EntityManager,
  acting: Acting,
  { position, teamId, ...input }: RuleCreate,
): Promise<AssignmentRule> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const team = await teamOf(tx, teamId);
    await refuseEmptyTeam(tx, { enabled: input.enabled, team });
    const rule = tx.create(AssignmentRuleSchema, { ...input, team, position: 0 });
    await renumber(tx, rule, position ?? Number.MAX_SAFE_INTEGER);
    await auditCreated(tx, acting, 'assignmentRule', rule, ruleSnapshot);
    return rule;
  });
}

/** Applies to leads created from now on; the leads it routed before keep their team. */
export async function updateAssignmentRule(
  em: EntityManager,
  acting: Acting,
  id: number,
  { position, teamId, ...patch }: RulePatch,
): Promise<AssignmentRule> {
  refuseNonAdmin(acting);
  return em.transactional(async (tx) => {
    const rule = await ruleFor(tx, id);
    const before = ruleSnapshot(rule);
    Object.assign(rule, patch, teamId === undefined ? {} : { team: await teamOf(tx, teamId) });
    await refuseEmptyTeam(tx, rule);
    if (position !== undefined) await renumber(tx, rule, position);
    const changes = changesBetween(before, ruleSnapshot(rule));
    audit(tx, acting, { action: 'update', objectType: 'assignmentRule', objectId: id, changes });
    return rule;
  });
}

/** Its leads stay where they are (without the rule, so they are no longer recycled by it). */
export async function deleteAssignmentRule(em: EntityManager, acting: Acting, id: number): Promise<void> {
  refuseNonAdmin(acting);
  await em.transactional(async (tx) => {
    const rule = await ruleFor(tx, id);
    const changes = changesBetween(ruleSnapshot(rule), {});
    tx.remove(rule);
    await renumber(tx, rule, null);
    audit(tx, acting, { action: 'delete', objectType: 'assignmentRule', objectId: id, changes });
  });
}

const ruleSnapshot = (rule: AssignmentRule) => ({
  name: rule.name,
  position: rule.position,
  enabled: rule.enabled,
  regions: rule.regions,
  sources: rule.sources,
  industries: rule.industries,
  team: rule.team.id,
  strategy: rule.strategy,
  recycleAfterDays: rule.recycleAfterDays ?? null,
});
