import { type Lead, LeadSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError } from '../access/errors.js';
import { leadScope } from './scope.js';

/** The relations a lead record shows. */
export const leadPopulate = ['team', 'owner', 'owner.department'] as const;

/** The lead, if the user can see it; NotVisibleError otherwise (the same answer as a missing id). */
export async function leadFor(em: EntityManager, acting: Acting, id: number): Promise<Lead> {
  const lead = await em.findOne(
    LeadSchema,
    { $and: [{ id }, leadScope(acting.access, acting.user.department?.path ?? null)] },
    { populate: leadPopulate },
  );
  if (!lead) throw new NotVisibleError('lead');
  return lead;
}
