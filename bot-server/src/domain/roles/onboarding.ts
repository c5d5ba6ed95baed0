import type { EntityManager } from '@mikro-orm/postgresql';
import type { AfterSync } from '../org/sync.js';
import { administratorCount } from './administrators.js';
import { grantConfiguredAdministrators } from './grant-admin.js';

export interface OnboardingRules {
  /** ADMIN_USERS: mobiles or platform user ids. */
  adminUsers: readonly string[];
}

/**
 * What every org sync does for the people it brought in, in its transaction: the configured
 * administrators get the admin role once the directory has them (idempotent, so every sync may
 * try). Its report says who was granted, who is not in the directory yet, and whether anybody
 * administers Kelian at all.
 */
export function onboarding(rules: OnboardingRules): AfterSync {
  return async (tx) => onboard(tx, rules);
}

export async function onboard(em: EntityManager, rules: OnboardingRules) {
  const grants = await grantConfiguredAdministrators(em, rules.adminUsers);
  return {
    administratorsGranted: grants.flatMap((g) => (g.outcome === 'granted' ? [g.user.name] : [])),
    administratorsNotFound: grants.flatMap((g) =>
      g.outcome === 'unknown' || g.outcome === 'ambiguous' ? [g.identifier] : [],
    ),
    administrators: await administratorCount(em),
  };
}
