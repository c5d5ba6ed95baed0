import { RoleAssignmentSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The code of the role whose holders keep the books: they are told what reps say on reminders. */
export const financeRoleCode = 'finance';

/** The active people holding the finance role. */
export async function financeUserIds(em: EntityManager): Promise<number[]> {
  const held = await em.find(
    RoleAssignmentSchema,
    { role: { code: financeRoleCode }, user: { active: true } },
    { fields: ['user'], orderBy: { user: 'asc' } },
  );
  return [...new Set(held.map((a) => a.user.id))];
}
