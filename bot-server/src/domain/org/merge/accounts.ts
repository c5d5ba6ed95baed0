import { UserSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A person's user ids: theirs and those of the accounts merged into them. The audit log is never
 * rewritten, so what someone did on an account since merged still names that account; asking what
 * the person did asks for all of them.
 */
export async function accountsOf(em: EntityManager, userId: number): Promise<number[]> {
  const merged = await em.find(UserSchema, { mergedIntoId: userId }, { fields: ['id'] });
  return [userId, ...merged.map((u) => u.id)];
}
