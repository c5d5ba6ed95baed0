import { adminRoleCode, RoleSchema, type User } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Auditor } from '../audit/audit.js';
import { rolesOf } from '../auth/profile.js';
import { holdRole } from './hold.js';
import { peopleNamed } from './people.js';

// Naming an administrator from outside Kelian: the configuration (ADMIN_USERS) at start and after
// each org sync, and the command line (npm run admin -- grant). Nobody signed in can do it, since
// nobody may hand out roles before the first administrator exists.

export type AdminGrant =
  | { outcome: 'granted' | 'already'; user: User }
  | { outcome: 'unknown' | 'ambiguous'; identifier: string; matches: number };

/** Gives the person `identifier` names the admin role (scope all); idempotent. */
export async function grantAdministrator(
  em: EntityManager,
  auditor: Auditor,
  identifier: string,
): Promise<AdminGrant> {
  return em.transactional(async (tx) => {
    const people = await peopleNamed(tx, identifier);
    if (people.length !== 1)
      return { outcome: people.length === 0 ? 'unknown' : 'ambiguous', identifier, matches: people.length };
    const user = people[0]!;
    // An administrator's scope is all whatever their assignment says: a held admin role is kept as is.
    if ((await rolesOf(tx, user)).some((a) => a.role.code === adminRoleCode))
      return { outcome: 'already', user };
    const role = await tx.findOneOrFail(RoleSchema, { code: adminRoleCode });
    await holdRole(tx, auditor, user, { role, scope: 'all', department: null });
    return { outcome: 'granted', user };
  });
}

/** Grants every configured administrator the directory has; answers what became of each. */
export async function grantConfiguredAdministrators(
  em: EntityManager,
  identifiers: readonly string[],
): Promise<AdminGrant[]> {
  const grants: AdminGrant[] = [];
  for (const identifier of identifiers)
    grants.push(await grantAdministrator(em, { user: null, via: 'config' }, identifier));
  return grants;
}
