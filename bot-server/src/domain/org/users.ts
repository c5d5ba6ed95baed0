import {
  columnsAs,
  DepartmentSchema,
  entityAs,
  flushedFor,
  relationAs,
  type User,
  UserSchema,
} from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { userLink } from './links.js';
import type { PlatformName } from './platform-name.js';

/** The active Kelian user behind a platform user id, with their department. */
export async function findUserByPlatformId(
  em: EntityManager,
  platform: PlatformName,
  platformUserId: string,
): Promise<User | null> {
  // Every chat event and every sign-in asks this: SQL written once (see mapped-rows.ts).
  await flushedFor(em, UserSchema);
  const link = em.getMetadata().get(UserSchema).properties[userLink[platform]].fieldNames[0];
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${columnsAs(em, UserSchema, 'u')}, ${columnsAs(em, DepartmentSchema, 'd')}
       from app_user u left join department d on d.id = u.department_id
      where u.${link} = ? and u.active limit 1`,
    [platformUserId],
  );
  if (!row) return null;
  // The department first: the user's reference to it is then the loaded one.
  relationAs(em, DepartmentSchema, row, 'd');
  return entityAs(em, UserSchema, row, 'u') ?? null;
}
