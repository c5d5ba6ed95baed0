import { OpportunitySchema, RoleAssignmentSchema, UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { accessOf } from '../access/access.js';
import { opportunityScope } from '../access/scope.js';

/**
 * Who manages a deal's owner: their manager from the org (User.managerId), or, when the org gives
 * none, every active holder of the manager role whose data scope covers the deal. The second rule
 * is what a company sees in Kelian itself: the 销售主管 of the rep's team.
 */
export async function dealManagers(em: EntityManager, dealId: number): Promise<number[]> {
  const deal = await em.findOne(OpportunitySchema, dealId, { populate: ['owner'] });
  const owner = deal?.owner;
  if (!owner) return [];
  if (owner.managerId != null) {
    const manager = await em.findOne(UserSchema, { id: owner.managerId, active: true });
    if (manager) return [manager.id];
  }
  const assignments = await em.find(
    RoleAssignmentSchema,
    { role: { code: 'manager' }, user: { active: true, id: { $ne: owner.id } } },
    { populate: ['user'] },
  );
  const managers: number[] = [];
  for (const { user } of assignments) {
    const access = await accessOf(em, user);
    const sees = await em.count(OpportunitySchema, { $and: [{ id: dealId }, opportunityScope(access)] });
    if (sees > 0 && !managers.includes(user.id)) managers.push(user.id);
  }
  return managers;
}
