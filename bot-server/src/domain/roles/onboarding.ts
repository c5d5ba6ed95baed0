import type { EntityManager } from '@mikro-orm/postgresql';
import type { AfterSync, Synced } from '../org/sync.js';
import { administratorCount } from './administrators.js';
import { type DefaultRole, giveDefaultRoles } from './default-roles.js';
import { grantConfiguredAdministrators } from './grant-admin.js';

export interface OnboardingRules {
  /** ADMIN_USERS: mobiles or platform user ids. */
  adminUsers: readonly string[];
  /** DEFAULT_ROLES. */
  defaultRoles: readonly DefaultRole[];
}

/**
 * What every org sync does for the people it brought in, in its transaction: the configured
 * administrators get the admin role once the directory has them, then people who never held a
 * role get their department's default one (both idempotent, so every sync may try). Its report
 * says who was granted, who is not in the directory yet, and whether anybody administers Kelian.
 */
export function onboarding(rules: OnboardingRules): AfterSync {
  return async (tx, synced) => onboard(tx, rules, synced);
}

async function onboard(em: EntityManager, rules: OnboardingRules, synced: Synced) {
  const grants = await grantConfiguredAdministrators(em, rules.adminUsers);
  return {
    ...(await giveDefaultRoles(em, rules.defaultRoles, synced.heads)),
    administratorsGranted: grants.flatMap((g) => (g.outcome === 'granted' ? [g.user.name] : [])),
    administratorsNotFound: grants.flatMap((g) =>
      g.outcome === 'unknown' || g.outcome === 'ambiguous' ? [g.identifier] : [],
    ),
    administrators: await administratorCount(em),
  };
}
